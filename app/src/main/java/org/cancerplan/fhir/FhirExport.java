package org.cancerplan.fhir;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.lead.LeadService;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanService;
import org.cancerplan.screening.ScreeningService;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Service;

/**
 * Exports a patient's record as a FHIR R4 Bundle (JSON): integrations with the scope {@value #SCOPE} and support
 * operators; each export is audited as {@value #ACTION}.
 */
@Service
public class FhirExport {

    public static final String SCOPE = "fhir:read";
    static final String ACTION = "PATIENT_EXPORTED_FHIR";
    /** Invitations beyond the newest this many are left out (a patient has a few dozen in a lifetime). */
    static final int MAX_INVITATIONS = 500;

    private final PatientService patients;
    private final PlanService plans;
    private final LeadService leads;
    private final ScreeningService screening;
    private final AuditLog audit;
    private final FhirContext fhir;

    FhirExport(PatientService patients, PlanService plans, LeadService leads, ScreeningService screening,
            AuditLog audit) {
        this.patients = patients;
        this.plans = plans;
        this.leads = leads;
        this.screening = screening;
        this.audit = audit;
        this.fhir = FhirContext.forR4Cached();
    }

    /** The patient's Bundle as FHIR JSON, or empty when no patient has this NHS number. */
    public Optional<String> bundleJson(Caller caller, NhsNumber nhsNumber, boolean pretty) {
        return bundle(caller, nhsNumber)
                .map(bundle -> fhir.newJsonParser().setPrettyPrint(pretty).encodeResourceToString(bundle));
    }

    public Optional<Bundle> bundle(Caller caller, NhsNumber nhsNumber) {
        return audit.auditedRead(caller, nhsNumber.value(), ACTION, () -> Access.requireScope(caller, SCOPE),
                () -> load(nhsNumber.value()).map(PatientBundle::of));
    }

    private Optional<PatientFile> load(String nhsNumber) {
        List<Patient> found = patients.alreadyAuthorised(List.of(nhsNumber));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<CancerPlan> all = plans.alreadyAuthorised(nhsNumber);
        List<String> leadIds = all.stream().flatMap(plan -> plan.getLeadHistory().stream())
                .map(record -> record.leadId()).distinct().toList();
        return Optional.of(new PatientFile(found.get(0), all, leads.byIds(leadIds),
                screening.alreadyAuthorised(nhsNumber, MAX_INVITATIONS)));
    }
}
