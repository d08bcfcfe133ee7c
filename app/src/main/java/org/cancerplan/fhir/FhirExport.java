package org.cancerplan.fhir;

import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Service;

/**
 * Exports a patient's record as a FHIR R4 Bundle (JSON): integrations with the scope
 * {@value #SCOPE} and support operators; each export is audited as {@value #ACTION}.
 */
@Service
public class FhirExport {

    public static final String SCOPE = "fhir:read";
    static final String ACTION = "PATIENT_EXPORTED_FHIR";

    private final PatientFiles files;

    private final AuditLog audit;

    private final FhirContext fhir;

    FhirExport(PatientFiles files, AuditLog audit) {
        this.files = files;
        this.audit = audit;
        this.fhir = FhirContext.forR4Cached();
    }

    /**
     * The patient's Bundle as FHIR JSON, or empty when no patient has this NHS number.
     */
    public Optional<String> bundleJson(Caller caller, NhsNumber nhsNumber, boolean pretty) {
        return bundle(caller, nhsNumber)
            .map(bundle -> fhir.newJsonParser().setPrettyPrint(pretty).encodeResourceToString(bundle));
    }

    public Optional<Bundle> bundle(Caller caller, NhsNumber nhsNumber) {
        return audit.auditedRead(caller, nhsNumber.value(), ACTION, () -> Access.requireScope(caller, SCOPE),
                () -> files.alreadyAuthorised(nhsNumber).map(PatientBundle::of));
    }

}
