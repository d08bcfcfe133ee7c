package org.cancerplan.screening;

import java.time.Clock;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.patient.PatientDeceased;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.ConcurrentWrites;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A patient's death recorded: their open invitations are cancelled, saying why, and
 * audited; told again, it finds none open.
 */
@Component
class DeceasedPatients {

    static final String CANCELLED = "INVITATION_CANCELLED";

    private static final Caller FEED = Caller.support("registration-feed");

    private final InvitationRepository invitations;

    private final AuditLog audit;

    private final Clock clock;

    DeceasedPatients(InvitationRepository invitations, AuditLog audit, Clock clock) {
        this.invitations = invitations;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void deceased(PatientDeceased death) {
        String reason = "The patient died on " + death.deceasedOn();
        for (ScreeningInvitation open : invitations.findByPatientNhsNumberAndStatusIn(death.nhsNumber(),
                InvitationStatus.OPEN)) {
            ConcurrentWrites.retried(() -> invitations.findById(open.getId())
                .filter(invitation -> invitation.getStatus().isOpen())
                .map(invitation -> {
                    audit.record(FEED, death.nhsNumber(), CANCELLED, AuditOutcome.ALLOWED);
                    invitation.cancelForDeath(reason, FEED, clock.instant());
                    return invitations.save(invitation);
                })
                .orElse(open));
        }
    }

}
