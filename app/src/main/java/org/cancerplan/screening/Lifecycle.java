package org.cancerplan.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The invitation state machine, in one place: what a patient may answer in each status,
 * and where every answer, screening-service event, result and job takes an invitation.
 * Anything else is refused.
 */
public final class Lifecycle {

    /** What the patient may do. */
    public enum Response {

        BOOK, RESCHEDULE, CANCEL_BOOKING, REQUEST_KIT, DECLINE, OPT_OUT, OPT_IN

    }

    /** What the screening service reports. */
    public enum ServiceEvent {

        ATTENDED, DID_NOT_ATTEND, CEASED, CANCELLED

    }

    public enum Outcome {

        NORMAL, ABNORMAL

    }

    private Lifecycle() {
    }

    static List<Response> allowedResponses(Programme programme, InvitationStatus status, boolean kitRequested) {
        List<Response> allowed = new ArrayList<>();
        switch (status) {
            case INVITED, REMINDED -> {
                if (programme.usesHomeKit()) {
                    if (!kitRequested) {
                        allowed.add(Response.REQUEST_KIT);
                    }
                }
                else {
                    allowed.add(Response.BOOK);
                }
                allowed.add(Response.DECLINE);
                allowed.add(Response.OPT_OUT);
            }
            case BOOKED -> {
                allowed.add(Response.RESCHEDULE);
                allowed.add(Response.CANCEL_BOOKING);
                allowed.add(Response.DECLINE);
                allowed.add(Response.OPT_OUT);
            }
            case OPTED_OUT -> allowed.add(Response.OPT_IN);
            default -> {
            }
        }
        return allowed;
    }

    /** The status a permitted response leads to. */
    static InvitationStatus after(Response response, InvitationStatus status) {
        return switch (response) {
            case BOOK, RESCHEDULE -> InvitationStatus.BOOKED;
            case CANCEL_BOOKING, OPT_IN -> InvitationStatus.INVITED;
            case REQUEST_KIT -> status;
            case DECLINE -> InvitationStatus.DECLINED;
            case OPT_OUT -> InvitationStatus.OPTED_OUT;
        };
    }

    static Optional<InvitationStatus> after(ServiceEvent event, InvitationStatus status) {
        return switch (event) {
            case ATTENDED, DID_NOT_ATTEND -> status == InvitationStatus.BOOKED
                    ? Optional.of(InvitationStatus.valueOf(event.name())) : Optional.empty();
            case CEASED, CANCELLED -> status.isOpen() || status == InvitationStatus.OPTED_OUT
                    ? Optional.of(InvitationStatus.valueOf(event.name())) : Optional.empty();
        };
    }

    /**
     * A result can follow an attended appointment, or a returned home kit (bowel: invited
     * or reminded).
     */
    static Optional<InvitationStatus> after(Outcome outcome, Programme programme, InvitationStatus status) {
        boolean screened = status == InvitationStatus.ATTENDED || status == InvitationStatus.BOOKED
                || programme.usesHomeKit()
                        && (status == InvitationStatus.INVITED || status == InvitationStatus.REMINDED);
        if (!screened) {
            return Optional.empty();
        }
        return Optional
            .of(outcome == Outcome.ABNORMAL ? InvitationStatus.RESULT_ABNORMAL : InvitationStatus.RESULT_NORMAL);
    }

}
