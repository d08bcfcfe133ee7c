package org.cancerplan.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.cancerplan.screening.Lifecycle.Response;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningEventInput;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningResultInput;
import org.cancerplan.screening.ScreeningInputs.RespondToScreeningInvitationInput;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.England;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.springframework.stereotype.Component;

/**
 * What each change does to an invitation, following {@link Lifecycle}: the next status,
 * what the change records, and the problem that leaves the invitation unchanged.
 */
@Component
class InvitationEdits {

    private final OptOuts optOuts;

    private final Clock clock;

    InvitationEdits(OptOuts optOuts, Clock clock) {
        this.optOuts = optOuts;
        this.clock = clock;
    }

    /** A result needs an outcome and a date not in the future. */
    UserError resultInputProblem(RecordScreeningResultInput input) {
        if (input.outcome() == null || input.recordedOn() == null || input.recordedOn().isAfter(today())) {
            return UserError.of("INVALID_RESULT", "recordedOn", "An outcome and a date not in the future are required");
        }
        return null;
    }

    /** The screening service's result; an abnormal one refers the patient. */
    UserError resulted(ScreeningInvitation invitation, Caller caller, RecordScreeningResultInput input) {
        Optional<InvitationStatus> next = Lifecycle.after(input.outcome(), invitation.getProgramme(),
                invitation.getStatus());
        if (next.isEmpty()) {
            return invalidTransition(invitation, "outcome");
        }
        invitation.recordResult(new ScreeningInvitation.Result(input.outcome(), input.recordedOn()));
        invitation.moveTo(next.get(), caller, "integration", clock.instant());
        return null;
    }

    /**
     * Attendance, non-attendance, ceasing or cancellation, as the screening service
     * records it.
     */
    UserError eventRecorded(ScreeningInvitation invitation, Caller caller, RecordScreeningEventInput input) {
        Optional<InvitationStatus> next = input.event() == null ? Optional.empty()
                : Lifecycle.after(input.event(), invitation.getStatus());
        if (next.isEmpty()) {
            return invalidTransition(invitation, "event");
        }
        if (input.event() == Lifecycle.ServiceEvent.CANCELLED) {
            invitation.cancelBooking(clock.instant());
        }
        invitation.moveTo(next.get(), caller, "integration", clock.instant());
        return null;
    }

    /**
     * The patient's response, one the invitation allows now. Booking needs a future time
     * no later than the last day to respond.
     */
    UserError responded(ScreeningInvitation invitation, Caller patient, RespondToScreeningInvitationInput input) {
        Response response = input.response();
        if (response == null || !invitation.getAllowedResponses().contains(response)) {
            return UserError.of("INVALID_TRANSITION", "response", "You cannot " + response + " an invitation that is "
                    + invitation.getStatus() + "; you can: " + invitation.getAllowedResponses());
        }
        if (response == Response.BOOK || response == Response.RESCHEDULE) {
            Instant at = input.appointmentAt() == null ? null : input.appointmentAt().toInstant();
            Instant lastMoment = invitation.getRespondBy().plusDays(1).atStartOfDay(England.ZONE).toInstant();
            if (at == null || !at.isAfter(clock.instant()) || !at.isBefore(lastMoment)) {
                return UserError.of("INVALID_APPOINTMENT", "appointmentAt",
                        "Choose a time in the future, no later " + "than " + invitation.getRespondBy());
            }
            String location = input.location() == null || input.location().isBlank() ? "To be confirmed"
                    : input.location().strip();
            if (Texts.characters(location) > 200) {
                return UserError.of("TOO_LONG", "location", "At most 200 characters");
            }
            invitation.book(new ScreeningInvitation.Appointment(at, location), clock.instant());
        }
        else if (response == Response.CANCEL_BOOKING) {
            invitation.cancelBooking(clock.instant());
        }
        else if (response == Response.REQUEST_KIT) {
            invitation.requestKit(today());
        }
        else if (response == Response.OPT_OUT) {
            optOuts.optOut(invitation.getPatientNhsNumber(), invitation.getProgramme());
        }
        else if (response == Response.OPT_IN) {
            optOuts.optIn(invitation.getPatientNhsNumber(), invitation.getProgramme());
        }
        invitation.moveTo(Lifecycle.after(response, invitation.getStatus()), patient, "app", clock.instant());
        return null;
    }

    private static UserError invalidTransition(ScreeningInvitation invitation, String field) {
        return UserError.of("INVALID_TRANSITION", field,
                "Not possible for an invitation that is " + invitation.getStatus());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

}
