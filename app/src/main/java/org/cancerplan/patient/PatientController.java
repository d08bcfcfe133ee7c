package org.cancerplan.patient;

import static org.cancerplan.graphql.PagedList.instant;
import static org.cancerplan.graphql.PagedList.objectId;

import java.util.List;

import graphql.relay.Connection;
import org.cancerplan.audit.AuditEvent;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.graphql.PagedList;
import org.cancerplan.graphql.Pages;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class PatientController {

    private static final PagedList ACCESS_LOG = PagedList.of("accessLog", instant("at"), objectId("id"));

    private final PatientService service;

    private final AuditLog audit;

    PatientController(PatientService service, AuditLog audit) {
        this.service = service;
        this.audit = audit;
    }

    @QueryMapping
    Patient me(@AuthenticationPrincipal Caller caller) {
        return service.me(caller).orElse(null);
    }

    @QueryMapping
    Patient patient(@AuthenticationPrincipal Caller caller, @Argument NhsNumber nhsNumber) {
        return service.find(caller, nhsNumber).orElse(null);
    }

    @SchemaMapping(typeName = "Patient")
    Connection<AuditEvent> accessLog(Patient patient, @AuthenticationPrincipal Caller caller, @Argument Integer first,
            @Argument String after) {
        if (!patient.nhsNumber().equals(caller.nhsNumber())) {
            throw new AccessDeniedException("Only the patient may read their access log");
        }
        return ACCESS_LOG.connection(audit.accessLog(caller, ACCESS_LOG.after(after), Pages.count(first)));
    }

    @MutationMapping
    RegistrationResult registerPatients(@AuthenticationPrincipal Caller caller, @Argument RegisterPatientsInput input) {
        return service.register(caller, input.patients(), input.clientMutationId());
    }

    record RegisterPatientsInput(List<PatientRegistration> patients, String clientMutationId) {
    }

}
