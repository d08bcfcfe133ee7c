package org.cancerplan.screening;

import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.screening.ScreeningInputs.ScreeningInvitationPayload;
import org.cancerplan.security.Caller;
import org.cancerplan.security.Operation;
import org.cancerplan.shared.ConcurrentWrites;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The one write path of an invitation once issued: find it, audit the change, let the
 * invitation apply it (it records the status in its history and registers its events),
 * save (which publishes them). Repeats with the same {@code clientMutationId} act once.
 */
@Component
class InvitationChanges {

    /**
     * What a change does to the invitation; a problem it returns leaves the invitation
     * unsaved.
     */
    @FunctionalInterface
    interface Edit {

        UserError apply(ScreeningInvitation invitation);

    }

    private final InvitationRepository invitations;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    InvitationChanges(InvitationRepository invitations, AuditLog audit, IdempotentMutations idempotency) {
        this.invitations = invitations;
        this.audit = audit;
        this.idempotency = idempotency;
    }

    /**
     * A change by the screening system to the invitation it names by {@code externalId},
     * found again and checked again when the patient or a job changed it meanwhile. An
     * {@code inputProblem} is answered before anything is read.
     */
    ScreeningInvitationPayload byScreeningSystem(Operation<ScreeningInvitation> operation, Caller caller,
            String externalId, String cmid, UserError inputProblem, Edit edit) {
        return idempotency.once(caller, operation.name(), cmid, ScreeningInvitationPayload.class, () -> {
            if (inputProblem != null) {
                return ScreeningInvitationPayload.failed(inputProblem, cmid);
            }
            try {
                return ConcurrentWrites.retried(() -> {
                    Optional<ScreeningInvitation> found = externalId == null ? Optional.empty()
                            : invitations.findByExternalId(externalId);
                    return found.map(invitation -> change(operation, caller, invitation, cmid, edit))
                        .orElseGet(() -> ScreeningInvitationPayload
                            .failed(UserError.of("NOT_FOUND", "externalId", "No such invitation"), cmid));
                });
            }
            catch (OptimisticLockingFailureException keptChanging) {
                return ScreeningInvitationPayload.failed(
                        UserError.of("VERSION_CONFLICT", "externalId", "The invitation kept changing; try again"),
                        cmid);
            }
        }, error -> ScreeningInvitationPayload.failed(error, cmid));
    }

    /**
     * The patient's change to their own invitation. Another patient's invitation gets the
     * same answer as a missing one, and the attempt is audited against that patient.
     */
    ScreeningInvitationPayload byPatient(Operation<ScreeningInvitation> operation, Caller caller, String invitationId,
            String cmid, Edit edit) {
        return idempotency.once(caller, operation.name(), cmid, ScreeningInvitationPayload.class, () -> {
            Optional<ScreeningInvitation> found = ownInvitationFirst(caller, invitationId);
            if (found.isPresent() && !found.get().getPatientNhsNumber().equals(caller.nhsNumber())) {
                audit.record(caller, found.get().getPatientNhsNumber(), operation.action(), AuditOutcome.DENIED);
                found = Optional.empty();
            }
            if (found.isEmpty()) {
                return ScreeningInvitationPayload
                    .failed(UserError.of("NOT_FOUND", "invitationId", "No such invitation"), cmid);
            }
            try {
                return change(operation, caller, found.get(), cmid, edit);
            }
            catch (OptimisticLockingFailureException concurrentChange) {
                return ScreeningInvitationPayload.failed(UserError.of("VERSION_CONFLICT", "invitationId",
                        "The invitation changed meanwhile; reload it and try again"), cmid);
            }
        }, error -> ScreeningInvitationPayload.failed(error, cmid));
    }

    private ScreeningInvitationPayload change(Operation<ScreeningInvitation> operation, Caller caller,
            ScreeningInvitation invitation, String cmid, Edit edit) {
        audit.record(caller, invitation.getPatientNhsNumber(), operation.action(), AuditOutcome.ALLOWED);
        UserError refused = edit.apply(invitation);
        if (refused != null) {
            return ScreeningInvitationPayload.failed(refused, cmid);
        }
        return ScreeningInvitationPayload.of(invitations.save(invitation), cmid);
    }

    /**
     * With the patient's NHS number (the shard key: one shard answers); by id alone only
     * when it is not theirs, so the refusal is audited against the invitation's patient.
     */
    private Optional<ScreeningInvitation> ownInvitationFirst(Caller caller, String invitationId) {
        return invitationId == null ? Optional.empty()
                : invitations.findByIdAndPatientNhsNumber(invitationId, caller.nhsNumber())
                    .or(() -> invitations.findById(invitationId));
    }

}
