package org.cancerplan.fhir;

import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** {@code patientFhirBundle}. */
@Controller
class FhirController {

    private final FhirExport export;

    FhirController(FhirExport export) {
        this.export = export;
    }

    @QueryMapping
    String patientFhirBundle(@AuthenticationPrincipal Caller caller, @Argument NhsNumber nhsNumber) {
        return export.bundleJson(caller, nhsNumber, false).orElse(null);
    }

}
