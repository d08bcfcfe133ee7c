package org.cancerplan.patient;

import java.util.List;

import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class PatientController {

    private final PatientService service;

    PatientController(PatientService service) {
        this.service = service;
    }

    @QueryMapping
    Patient me(@AuthenticationPrincipal Caller caller) {
        return service.me(caller).orElse(null);
    }

    @QueryMapping
    Patient patient(@AuthenticationPrincipal Caller caller, @Argument NhsNumber nhsNumber) {
        return service.find(caller, nhsNumber).orElse(null);
    }

    @MutationMapping
    RegistrationResult registerPatients(@AuthenticationPrincipal Caller caller, @Argument RegisterPatientsInput input) {
        return service.register(caller, input.patients(), input.clientMutationId());
    }

    record RegisterPatientsInput(List<PatientRegistration> patients, String clientMutationId) {
    }
}
