package org.cancerplan.screening;

import static org.cancerplan.graphql.PagedList.date;
import static org.cancerplan.graphql.PagedList.objectId;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import graphql.relay.Connection;
import org.cancerplan.graphql.Batches;
import org.cancerplan.graphql.PagedList;
import org.cancerplan.graphql.Pages;
import org.cancerplan.patient.Patient;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsInput;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsPayload;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningEventInput;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningResultInput;
import org.cancerplan.screening.ScreeningInputs.RespondToScreeningInvitationInput;
import org.cancerplan.screening.ScreeningInputs.ScreeningInvitationPayload;
import org.cancerplan.security.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class ScreeningController {

    private static final PagedList INVITATIONS = PagedList.of("screeningInvitations", date("invitedOn"),
            objectId("id"));

    private final ScreeningService screening;

    private final ScreeningUptake uptake;

    private final DeprivationIndex deprivation;

    ScreeningController(ScreeningService screening, ScreeningUptake uptake, DeprivationIndex deprivation) {
        this.screening = screening;
        this.uptake = uptake;
        this.deprivation = deprivation;
    }

    @SchemaMapping(typeName = "Patient")
    Connection<ScreeningInvitation> screeningInvitations(Patient patient, @AuthenticationPrincipal Caller caller,
            @Argument Integer first, @Argument String after) {
        return INVITATIONS.connection(
                screening.invitationsOf(caller, patient.nhsNumber(), INVITATIONS.after(after), Pages.count(first)));
    }

    /**
     * Demographic, like the rest of the patient's record; one lookup for all patients in
     * a response.
     */
    @BatchMapping(typeName = "Patient")
    Map<Patient, Integer> deprivationDecile(List<Patient> patients) {
        return Batches.pair(patients, Patient::lsoaCode, deprivation::decilesOf);
    }

    @QueryMapping
    ScreeningUptake.Report screeningUptake(@AuthenticationPrincipal Caller caller, @Argument Programme programme,
            @Argument LocalDate from, @Argument LocalDate to) {
        return uptake.report(caller, programme, from, to);
    }

    @MutationMapping
    IssueScreeningInvitationsPayload issueScreeningInvitations(@AuthenticationPrincipal Caller caller,
            @Argument IssueScreeningInvitationsInput input) {
        return screening.issue(caller, input);
    }

    @MutationMapping
    ScreeningInvitationPayload recordScreeningResult(@AuthenticationPrincipal Caller caller,
            @Argument RecordScreeningResultInput input) {
        return screening.recordResult(caller, input);
    }

    @MutationMapping
    ScreeningInvitationPayload recordScreeningEvent(@AuthenticationPrincipal Caller caller,
            @Argument RecordScreeningEventInput input) {
        return screening.recordEvent(caller, input);
    }

    @MutationMapping
    ScreeningInvitationPayload respondToScreeningInvitation(@AuthenticationPrincipal Caller caller,
            @Argument RespondToScreeningInvitationInput input) {
        return screening.respond(caller, input);
    }

}
