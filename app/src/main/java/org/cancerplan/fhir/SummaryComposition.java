package org.cancerplan.fhir;

import static org.cancerplan.fhir.FhirValues.concept;
import static org.cancerplan.fhir.FhirValues.dateTime;
import static org.cancerplan.fhir.FhirValues.words;

import java.util.ArrayList;
import java.util.List;

import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.ReaccessPoint;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.plan.PlanParts.TreatmentSummary;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * A plan's end-of-treatment summary as a FHIR {@link Composition}: one section for each
 * part, its free text written as text nodes (escaped, never read as markup).
 */
final class SummaryComposition {

    private SummaryComposition() {
    }

    static Composition of(CancerPlan plan, Reference patient, Reference carePlan) {
        TreatmentSummary summary = plan.getTreatmentSummary();
        Composition composition = new Composition();
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(concept(PatientBundle.LOCAL_CODES + ":document", "end-of-treatment-summary",
                "End of treatment summary"));
        composition.setTitle("End of treatment summary");
        composition.setSubject(patient);
        composition.setDateElement(dateTime(summary.issuedOn()));
        composition.addAuthor().setDisplay(summary.issuedBy());
        composition.addEvent().addDetail(carePlan);
        section(composition, "Treatments given",
                summary.treatmentsGiven().stream().map(SummaryComposition::given).toList());
        section(composition, "Side effects to watch for", summary.sideEffectsToWatch());
        section(composition, "Red-flag symptoms", summary.redFlagSymptoms());
        ReaccessPoint reaccess = summary.reaccess();
        section(composition, "Who to contact",
                List.of(reaccess.description() + ", " + reaccess.phone() + " (" + reaccess.hours() + ")"));
        List<String> gp = new ArrayList<>(summary.gpActions());
        if (summary.sharedWithGpOn() != null) {
            gp.add("Shared with the GP practice on " + summary.sharedWithGpOn());
        }
        section(composition, "Actions for the GP", gp);
        if (plan.getFollowUp() != null) {
            section(composition, "Follow-up", followUp(plan.getFollowUp()));
        }
        return composition;
    }

    private static void section(Composition composition, String title, List<String> lines) {
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        XhtmlNode list = div.addTag("ul");
        lines.forEach(line -> list.addTag("li").addText(line));
        composition.addSection()
            .setTitle(title)
            .setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div));
    }

    private static String given(Treatment treatment) {
        String text = words(treatment.modality().name());
        if (treatment.intent() != null) {
            text += " (" + words(treatment.intent().name()).toLowerCase() + ")";
        }
        if (treatment.startDate() != null) {
            text += ", " + treatment.startDate() + (treatment.endDate() == null ? "" : " to " + treatment.endDate());
        }
        return text;
    }

    private static List<String> followUp(FollowUp followUp) {
        List<String> lines = new ArrayList<>();
        lines.add(followUp.describe());
        followUp.tests().forEach(test -> lines.add(test.name() + " due " + test.dueOn()));
        return lines;
    }

}
