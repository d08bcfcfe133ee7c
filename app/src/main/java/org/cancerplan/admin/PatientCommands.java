package org.cancerplan.admin;

import java.util.List;

import org.cancerplan.fhir.FhirExport;
import org.cancerplan.fhir.PatientFile;
import org.cancerplan.fhir.PatientFiles;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.TreatmentSummary;
import org.cancerplan.screening.ScreeningInvitation;
import org.cancerplan.shared.NhsNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code patient show}, {@code patient export}, {@code plan history} and
 * {@code plan summary}.
 */
@Component
@Profile("admin")
class PatientCommands implements CommandSet {

    private final PatientFiles files;

    private final Operator operator;

    private final JsonMapper json;

    private final FhirExport fhir;

    PatientCommands(PatientFiles files, Operator operator, JsonMapper json, FhirExport fhir) {
        this.files = files;
        this.fhir = fhir;
        this.operator = operator;
        this.json = json;
    }

    @Command(name = { "patient", "show" }, description = "A patient's demographics, plan, lead and invitations")
    String show(@Argument(index = 0, description = "NHS number") String nhsNumber,
            @Option(longName = "json", description = "print JSON", defaultValue = "false") Boolean asJson) {
        PatientFile record = record(nhsNumber);
        if (Boolean.TRUE.equals(asJson)) {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(record);
        }
        Patient p = record.patient();
        StringBuilder text = new StringBuilder().append(p.givenName())
            .append(' ')
            .append(p.familyName())
            .append("  NHS ")
            .append(p.nhsNumber())
            .append("  born ")
            .append(p.dateOfBirth())
            .append("  postcode ")
            .append(p.postcode())
            .append("  LSOA ")
            .append(p.lsoaCode())
            .append("  GP ")
            .append(p.gpPracticeCode())
            .append('\n');
        if (record.plans().isEmpty()) {
            text.append("Plan: none\n");
        }
        for (CancerPlan plan : record.plans()) {
            text.append("Plan ")
                .append(plan.getId())
                .append(": ")
                .append(plan.getStatus())
                .append(" v")
                .append(plan.getVersion())
                .append(", ")
                .append(plan.getDiagnosis().cancerType().code())
                .append(' ')
                .append(plan.getDiagnosis().cancerType().display())
                .append(", care team ")
                .append(plan.getCareOrganisations());
            if (plan.getNeighbourhoodLead() != null) {
                NeighbourhoodLead lead = record.leads().get(plan.getNeighbourhoodLead().leadId());
                text.append(", lead ").append(lead == null ? plan.getNeighbourhoodLead().leadId() : lead.name());
            }
            text.append('\n');
        }
        for (ScreeningInvitation invitation : record.invitations()) {
            text.append("Invitation ")
                .append(invitation.getExternalId())
                .append(": ")
                .append(invitation.getProgramme())
                .append(' ')
                .append(invitation.getStatus())
                .append(", invited ")
                .append(invitation.getInvitedOn())
                .append(", respond by ")
                .append(invitation.getRespondBy())
                .append('\n');
        }
        return text.toString().stripTrailing();
    }

    @Command(name = { "patient", "export" },
            description = "Everything held about a patient: JSON (subject access) or a FHIR R4 Bundle")
    String export(@Argument(index = 0, description = "NHS number") String nhsNumber,
            @Option(longName = "format", description = "json or fhir", defaultValue = "json") String format) {
        if ("fhir".equalsIgnoreCase(format)) {
            return fhir.bundleJson(operator.caller(), NhsNumber.of(nhsNumber), true)
                .orElseThrow(() -> AdminFailure.notFound("No patient with NHS number " + nhsNumber));
        }
        if (!"json".equalsIgnoreCase(format)) {
            throw AdminFailure.badUsage("Unknown format " + format + ": use json or fhir");
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(record(nhsNumber));
    }

    @Command(name = { "plan", "history" }, description = "Who changed a patient's plans, what and when")
    String history(@Argument(index = 0, description = "NHS number") String nhsNumber) {
        PatientFile record = record(nhsNumber);
        StringBuilder text = new StringBuilder();
        for (CancerPlan plan : record.plans()) {
            text.append("Plan ").append(plan.getId()).append(" (").append(plan.getStatus()).append(")\n");
            plan.getHistory()
                .forEach(change -> text.append("  v")
                    .append(change.version())
                    .append("  ")
                    .append(change.at())
                    .append("  ")
                    .append(change.actorName())
                    .append(change.organisation() == null ? "" : " (" + change.organisation() + ")")
                    .append("  ")
                    .append(change.summary())
                    .append('\n'));
        }
        return text.isEmpty() ? "No plans" : text.toString().stripTrailing();
    }

    @Command(name = { "plan", "summary" },
            description = "The end-of-treatment summary and follow-up of a patient's plans")
    String summary(@Argument(index = 0, description = "NHS number") String nhsNumber) {
        StringBuilder text = new StringBuilder();
        for (CancerPlan plan : record(nhsNumber).plans()) {
            TreatmentSummary summary = plan.getTreatmentSummary();
            if (summary == null) {
                continue;
            }
            text.append("Plan ").append(plan.getId()).append(" (").append(plan.getStatus()).append(")\n");
            text.append("Issued ").append(summary.issuedOn()).append(" by ").append(summary.issuedBy());
            text.append("; shared with the GP practice ").append(summary.sharedWithGpOn());
            text.append("; acknowledged by the patient ")
                .append(summary.acknowledgedAt() == null ? "not yet" : summary.acknowledgedAt())
                .append('\n');
            lines(text, "Treatments given",
                    summary.treatmentsGiven()
                        .stream()
                        .map(t -> t.modality() + (t.intent() == null ? "" : " (" + t.intent() + ")") + " "
                                + (t.startDate() == null ? "" : t.startDate())
                                + (t.endDate() == null ? "" : " to " + t.endDate()))
                        .toList());
            lines(text, "Side effects to watch for", summary.sideEffectsToWatch());
            lines(text, "Red-flag symptoms", summary.redFlagSymptoms());
            text.append("Who to contact: ")
                .append(summary.reaccess().description())
                .append(", ")
                .append(summary.reaccess().phone())
                .append(" (")
                .append(summary.reaccess().hours())
                .append(")\n");
            lines(text, "Actions for the GP", summary.gpActions());
            FollowUp followUp = plan.getFollowUp();
            text.append("Follow-up: ").append(followUp.describe()).append('\n');
            followUp.tests()
                .forEach(test -> text.append("  - ")
                    .append(test.name())
                    .append(" due ")
                    .append(test.dueOn())
                    .append('\n'));
        }
        return text.isEmpty() ? "No end-of-treatment summary" : text.toString().stripTrailing();
    }

    private static void lines(StringBuilder text, String title, List<String> lines) {
        text.append(title).append(':').append(lines.isEmpty() ? " none" : "").append('\n');
        lines.forEach(line -> text.append("  - ").append(line).append('\n'));
    }

    private PatientFile record(String nhsNumber) {
        return files.read(operator.caller(), NhsNumber.of(nhsNumber))
            .orElseThrow(() -> AdminFailure.notFound("No patient with NHS number " + nhsNumber));
    }

}
