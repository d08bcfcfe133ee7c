package org.cancerplan.admin;

import org.cancerplan.fhir.FhirExport;
import org.cancerplan.fhir.PatientFile;
import org.cancerplan.fhir.PatientFiles;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.screening.ScreeningInvitation;
import org.cancerplan.shared.NhsNumber;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code patient show}, {@code patient export} and {@code plan history}. */
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

    private PatientFile record(String nhsNumber) {
        return files.read(operator.caller(), NhsNumber.of(nhsNumber))
            .orElseThrow(() -> AdminFailure.notFound("No patient with NHS number " + nhsNumber));
    }

}
