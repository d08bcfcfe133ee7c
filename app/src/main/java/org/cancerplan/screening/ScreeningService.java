package org.cancerplan.screening;

import java.time.Clock;
import java.util.List;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.screening.ScreeningInputs.InvitationItem;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsInput;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsPayload;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningEventInput;
import org.cancerplan.screening.ScreeningInputs.RecordScreeningResultInput;
import org.cancerplan.screening.ScreeningInputs.RespondToScreeningInvitationInput;
import org.cancerplan.screening.ScreeningInputs.ScreeningInvitationPayload;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.Operation;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.UserError;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

/**
 * Screening invitations: integrations issue them and record what happened; patients
 * respond in the app; staff read them. Each operation is declared once below (its name,
 * audit action and who may call it); every change follows {@link Lifecycle} through
 * {@link InvitationChanges}, the invitation's one write path.
 */
@Service
public class ScreeningService {

    static final int MAX_BATCH = 1000;
    static final String ISSUED = "INVITATION_ISSUED";
    static final String ISSUE = "INVITATIONS_ISSUE";
    static final String READ = "INVITATIONS_READ";
    static final String RESPONDED = "INVITATION_RESPONDED";
    static final String RESULT = "SCREENING_RESULT_RECORDED";
    static final String EVENT = "SCREENING_EVENT_RECORDED";

    static final Operation<ScreeningInvitation> ISSUE_INVITATIONS = new Operation<>("issueScreeningInvitations", ISSUE,
            (caller, invitation) -> Access.requireScope(caller, "invitations:write"));
    static final Operation<ScreeningInvitation> RECORD_RESULT = new Operation<>("recordScreeningResult", RESULT,
            (caller, invitation) -> Access.requireScope(caller, "results:write"));
    static final Operation<ScreeningInvitation> RECORD_EVENT = new Operation<>("recordScreeningEvent", EVENT,
            (caller, invitation) -> Access.requireScope(caller, "invitations:write"));
    static final Operation<ScreeningInvitation> RESPOND = new Operation<>("respondToScreeningInvitation", RESPONDED,
            (caller, invitation) -> Access.requireKind(caller, CallerKind.PATIENT));

    /**
     * Ties within a day by id ascending: Spring Data's keyset scrolling always orders the
     * id so.
     */
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("invitedOn"), Sort.Order.asc("id"));

    private final InvitationRepository invitations;

    private final InvitationIssuing issuing;

    private final InvitationChanges changes;

    private final InvitationEdits edits;

    private final AuditLog audit;

    private final Clock clock;

    ScreeningService(InvitationRepository invitations, InvitationIssuing issuing, InvitationChanges changes,
            InvitationEdits edits, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.issuing = issuing;
        this.changes = changes;
        this.edits = edits;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Issues a batch (at most {@value #MAX_BATCH}). Idempotent by {@code externalId}:
     * items already issued are counted in {@code alreadyIssued}. Each item is checked on
     * its own; valid items are issued even when others fail.
     */
    public IssueScreeningInvitationsPayload issue(Caller caller, IssueScreeningInvitationsInput input) {
        allowCaller(ISSUE_INVITATIONS, caller);
        List<InvitationItem> items = input.invitations() == null ? List.of() : input.invitations();
        if (items.size() > MAX_BATCH) {
            return new IssueScreeningInvitationsPayload(0, 0,
                    List.of(UserError.of("TOO_MANY_ITEMS", "invitations",
                            "At most " + MAX_BATCH + " invitations per call; split the batch")),
                    input.clientMutationId());
        }
        return issuing.issue(caller, items, input.clientMutationId(), clock.instant());
    }

    /**
     * The screening service records the outcome; an abnormal one refers the patient (the
     * diagnosis clock starts).
     */
    public ScreeningInvitationPayload recordResult(Caller caller, RecordScreeningResultInput input) {
        allowCaller(RECORD_RESULT, caller);
        return changes.byScreeningSystem(RECORD_RESULT, caller, input.externalId(), input.clientMutationId(),
                edits.resultInputProblem(input), invitation -> edits.resulted(invitation, caller, input));
    }

    /**
     * The screening service records attendance, non-attendance, ceasing or cancellation.
     */
    public ScreeningInvitationPayload recordEvent(Caller caller, RecordScreeningEventInput input) {
        allowCaller(RECORD_EVENT, caller);
        return changes.byScreeningSystem(RECORD_EVENT, caller, input.externalId(), input.clientMutationId(), null,
                invitation -> edits.eventRecorded(invitation, caller, input));
    }

    /**
     * The patient answers their own invitation. Another patient's invitation gets the
     * same answer as a missing one. Booking needs a future time no later than the last
     * day to respond.
     */
    public ScreeningInvitationPayload respond(Caller caller, RespondToScreeningInvitationInput input) {
        allowCaller(RESPOND, caller);
        return changes.byPatient(RESPOND, caller, input.invitationId(), input.clientMutationId(),
                invitation -> edits.responded(invitation, caller, input));
    }

    /**
     * A patient's invitations, newest first: the patient themself, clinical staff and
     * support.
     */
    public Window<ScreeningInvitation> invitationsOf(Caller caller, String nhsNumber, ScrollPosition after, int count) {
        return audit.auditedRead(caller, nhsNumber, READ, () -> {
            boolean own = caller != null && caller.is(CallerKind.PATIENT) && nhsNumber.equals(caller.nhsNumber());
            if (!own) {
                Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL);
            }
        }, () -> invitations.findByPatientNhsNumber(nhsNumber, after, Limit.of(count), NEWEST_FIRST));
    }

    /**
     * The patient's newest invitations (at most {@code count}), unaudited: only for
     * features that have already checked and audited the caller's access to this patient
     * (an export, say).
     */
    public List<ScreeningInvitation> alreadyAuthorised(String nhsNumber, int count) {
        return invitations.findByPatientNhsNumber(nhsNumber, ScrollPosition.keyset(), Limit.of(count), NEWEST_FIRST)
            .getContent();
    }

    /**
     * The operation's rule on the caller alone, before anything is read; a refusal is
     * audited naming no patient.
     */
    private void allowCaller(Operation<ScreeningInvitation> operation, Caller caller) {
        audit.allowCaller(caller, operation.action(), () -> operation.rule().check(caller, null));
    }

}
