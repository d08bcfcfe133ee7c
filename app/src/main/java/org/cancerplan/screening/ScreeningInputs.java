package org.cancerplan.screening;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.cancerplan.shared.UserError;

/** Inputs and payloads of the screening operations, as in the GraphQL schema. */
public final class ScreeningInputs {

    private ScreeningInputs() {
    }

    public record InvitationItem(String externalId, String nhsNumber, Programme programme, LocalDate invitedOn,
            LocalDate respondBy, Boolean selfReferral) {
    }

    public record IssueScreeningInvitationsInput(List<InvitationItem> invitations, String clientMutationId) {
    }

    public record IssueScreeningInvitationsPayload(int issued, int alreadyIssued, List<UserError> errors,
            String clientMutationId) {
    }

    public record RecordScreeningResultInput(String externalId, Lifecycle.Outcome outcome, LocalDate recordedOn,
            String clientMutationId) {
    }

    public record RecordScreeningEventInput(String externalId, Lifecycle.ServiceEvent event, String clientMutationId) {
    }

    public record RespondToScreeningInvitationInput(String invitationId, Lifecycle.Response response,
            OffsetDateTime appointmentAt, String location, String clientMutationId) {
    }

    public record ScreeningInvitationPayload(ScreeningInvitation invitation, List<UserError> errors,
            String clientMutationId) {

        static ScreeningInvitationPayload of(ScreeningInvitation invitation, String cmid) {
            return new ScreeningInvitationPayload(invitation, List.of(), cmid);
        }

        static ScreeningInvitationPayload failed(UserError error, String cmid) {
            return new ScreeningInvitationPayload(null, List.of(error), cmid);
        }
    }

}
