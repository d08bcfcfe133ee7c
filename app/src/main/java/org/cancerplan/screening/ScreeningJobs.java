package org.cancerplan.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.England;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
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
 * once: no double reminders. The reminder's message is written with the change (the
 * invitation's outbox); the messages module sends it.
 */
@Service
public class ScreeningJobs {

    private static final Logger log = LoggerFactory.getLogger(ScreeningJobs.class);

    private static final Caller JOB = Caller.support("screening-job");

    private final MongoTemplate mongo;

    private final ScreeningProperties settings;

    private static final int BATCH = 1000;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    ScreeningJobs(MongoTemplate mongo, ScreeningProperties settings, Clock clock, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
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

    /**
     * Marks unanswered invitations REMINDED, each with the message telling the patient in
     * the same write, in batches of {@value #BATCH}; with {@code dryRun}, only counts
     * them. Each update is conditional on the invitation still being INVITED, so two runs
     * at once remind (and tell) each patient once.
     */
    public long remind(boolean dryRun) {
        LocalDate today = LocalDate.now(clock);
        Criteria due = Criteria.where("status")
            .is(InvitationStatus.INVITED)
            .and("invitedOn")
            .lte(today.minus(settings.remindAfter()))
            .and("respondBy")
            .gte(today);
        if (dryRun) {
            return mongo.count(Query.query(due), ScreeningInvitation.class);
        }
        Instant now = clock.instant();
        long reminded = 0;
        Object after = null;
        while (true) {
            Query page = Query
                .query(after == null ? due : new Criteria().andOperator(due, Criteria.where("_id").gt(after)))
                .with(Sort.by("_id"))
                .limit(BATCH);
            List<ScreeningInvitation> batch = mongo.find(page, ScreeningInvitation.class);
            if (batch.isEmpty()) {
                break;
            }
            BulkOperations updates = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ScreeningInvitation.class);
            for (ScreeningInvitation invitation : batch) {
                updates.updateOne(
                        Query.query(Criteria.where("_id")
                            .is(new ObjectId(invitation.getId()))
                            .and("status")
                            .is(InvitationStatus.INVITED)),
                        change(InvitationStatus.REMINDED, now).set("remindedAt", now)
                            .push(MessageIntent.OUTBOX, invitation.intent(MessageKind.INVITATION_REMINDED, now))
                            .set(MessageIntent.PENDING, true));
            }
            reminded += updates.execute().getModifiedCount();
            after = new ObjectId(batch.get(batch.size() - 1).getId());
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (reminded > 0) {
            events.publishEvent(new MessageIntent.Written(ScreeningInvitation.COLLECTION));
        }
        return reminded;
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
