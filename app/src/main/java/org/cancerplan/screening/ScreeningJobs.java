package org.cancerplan.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.bson.Document;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.England;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reminds patients who have not answered within the configured days and expires
 * invitations past their last day to respond. Each step is one conditional update per
 * invitation, so running it twice, or on two instances at once, changes each invitation
 * once: no double reminders. Delivering the reminder (a push message) is the messaging
 * service's job; this marks the invitation REMINDED and logs how many.
 */
@Service
public class ScreeningJobs {

    private static final Logger log = LoggerFactory.getLogger(ScreeningJobs.class);

    private static final Caller JOB = Caller.support("screening-job");

    private final MongoTemplate mongo;

    private final ScreeningProperties settings;

    private final Clock clock;

    ScreeningJobs(MongoTemplate mongo, ScreeningProperties settings, Clock clock) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a run changed. */
    public record Run(long reminded, long expired) {
    }

    @Scheduled(cron = "${cancerplan.screening.job-cron:" + ScreeningProperties.DEFAULT_JOB_CRON + "}",
            zone = England.TIME_ZONE)
    void scheduled() {
        run();
    }

    public Run run() {
        long expired = expire(false);
        long reminded = remind(false);
        if (reminded + expired > 0) {
            log.info("Screening job: {} reminded, {} expired", reminded, expired);
        }
        return new Run(reminded, expired);
    }

    /** Marks unanswered invitations REMINDED; with {@code dryRun}, only counts them. */
    public long remind(boolean dryRun) {
        LocalDate today = LocalDate.now(clock);
        Query due = Query.query(Criteria.where("status")
            .is(InvitationStatus.INVITED)
            .and("invitedOn")
            .lte(today.minus(settings.remindAfter()))
            .and("respondBy")
            .gte(today));
        Instant now = clock.instant();
        return dryRun ? mongo.count(due, ScreeningInvitation.class)
                : mongo
                    .updateMulti(due, change(InvitationStatus.REMINDED, now).set("remindedAt", now),
                            ScreeningInvitation.class)
                    .getModifiedCount();
    }

    /**
     * Marks invitations past their last day to respond EXPIRED; with {@code dryRun}, only
     * counts them.
     */
    public long expire(boolean dryRun) {
        Query due = Query.query(Criteria.where("status")
            .in(InvitationStatus.INVITED, InvitationStatus.REMINDED)
            .and("respondBy")
            .lt(LocalDate.now(clock)));
        return dryRun ? mongo.count(due, ScreeningInvitation.class)
                : mongo.updateMulti(due, change(InvitationStatus.EXPIRED, clock.instant()), ScreeningInvitation.class)
                    .getModifiedCount();
    }

    private static Update change(InvitationStatus status, Instant now) {
        return new Update().set("status", status)
            .push("history",
                    new Document("status", status.name()).append("at", now)
                        .append("byKind", CallerKind.SUPPORT.name())
                        .append("by", JOB.name())
                        .append("channel", "job"))
            .inc("revision", 1);
    }

}
