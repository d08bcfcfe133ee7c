package org.cancerplan.messages;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.messages.Message.Channel;
import org.cancerplan.messages.Message.Delivery;
import org.cancerplan.messages.Message.DeliveryStatus;
import org.cancerplan.messages.MessageInputs.MarkMessageReadInput;
import org.cancerplan.messages.MessageInputs.MarkMessageReadPayload;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.cancerplan.store.StoreChanges;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The patient's inbox: their own messages, newest first, and marking one read. Only the
 * patient reads it; one proofed only to P5 sees the non-clinical messages (invitations
 * and appointments), as if the others did not exist.
 */
@Service
class Inbox {

    static final String READ = "MESSAGES_READ";

    static final String MARKED_READ = "MESSAGE_MARKED_READ";

    static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    private final MongoTemplate mongo;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final Clock clock;

    private final StoreChanges changes;

    Inbox(MongoTemplate mongo, AuditLog audit, IdempotentMutations idempotency, Clock clock, StoreChanges changes) {
        this.changes = changes;
        this.mongo = mongo;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    Window<Message> page(Caller caller, String nhsNumber, ScrollPosition after, int count) {
        return audit.auditedRead(caller, nhsNumber, READ, () -> requireOwnInbox(caller, nhsNumber),
                () -> mongo.scroll(
                        Query.query(visibleTo(caller, nhsNumber)).with(NEWEST_FIRST).with(after).limit(count),
                        Message.class));
    }

    /**
     * Of the messages the caller sees (already checked and audited with the page), those
     * unread.
     */
    long unreadCount(Caller caller, String nhsNumber) {
        requireOwnInbox(caller, nhsNumber);
        return mongo.count(Query.query(visibleTo(caller, nhsNumber).and("readAt").is(null)), Message.class);
    }

    /**
     * The caller's messages as they arrive or change (a part added), from whichever
     * instance recorded them; each audited as a read of the inbox.
     */
    Flux<Message> received(Caller caller) {
        requireOwnInbox(caller, caller.nhsNumber());
        return changes.of(Message.COLLECTION, "updatedAt")
            .filter(changed -> caller.nhsNumber().equals(changed.getString("patientNhsNumber")))
            .filter(changed -> caller.isClinicallyProofedPatient()
                    || !Boolean.TRUE.equals(changed.getBoolean("clinical")))
            .publishOn(Schedulers.boundedElastic())
            .map(changed -> {
                audit.record(caller, caller.nhsNumber(), READ, AuditOutcome.ALLOWED);
                return mongo.getConverter().read(Message.class, changed);
            });
    }

    MarkMessageReadPayload markRead(Caller caller, MarkMessageReadInput input) {
        String cmid = input.clientMutationId();
        audit.allowCaller(caller, MARKED_READ, () -> Access.requireKind(caller, CallerKind.PATIENT));
        return idempotency.once(caller, "markMessageRead", cmid, MarkMessageReadPayload.class, () -> {
            Optional<Message> message = seenBy(caller, input.messageId());
            if (message.isEmpty()) {
                return MarkMessageReadPayload.failed(UserError.of("NOT_FOUND", "messageId", "No such message"), cmid);
            }
            audit.record(caller, caller.nhsNumber(), MARKED_READ, AuditOutcome.ALLOWED);
            if (message.get().getReadAt() == null) {
                mongo.updateFirst(
                        Query.query(Criteria.where("_id")
                            .is(message.get().getId())
                            .and("patientNhsNumber")
                            .is(caller.nhsNumber())
                            .and("readAt")
                            .is(null)),
                        new Update().set("readAt", clock.instant())
                            .set("deliveries." + Channel.NHSAPP,
                                    new Delivery(DeliveryStatus.READ, clock.instant(), null, "Read in the app")),
                        Message.class);
            }
            return new MarkMessageReadPayload(mongo.findOne(Query
                .query(Criteria.where("_id").is(message.get().getId()).and("patientNhsNumber").is(caller.nhsNumber())),
                    Message.class), List.of(), cmid);
        }, error -> MarkMessageReadPayload.failed(error, cmid));
    }

    /**
     * The caller's message by id; another patient's, or a clinical one for a patient not
     * proofed to P9, is as missing (another patient's is audited against its owner).
     */
    private Optional<Message> seenBy(Caller caller, String messageId) {
        if (messageId == null || !messageId.matches("[0-9a-f]{24}")) {
            return Optional.empty();
        }
        Optional<Message> own = Optional.ofNullable(mongo
            .findOne(Query.query(visibleTo(caller, caller.nhsNumber()).and("_id").is(messageId)), Message.class));
        if (own.isEmpty()) {
            Optional.ofNullable(mongo.findById(messageId, Message.class))
                .filter(other -> !other.getPatientNhsNumber().equals(caller.nhsNumber()))
                .ifPresent(
                        other -> audit.record(caller, other.getPatientNhsNumber(), MARKED_READ, AuditOutcome.DENIED));
        }
        return own;
    }

    private static Criteria visibleTo(Caller caller, String nhsNumber) {
        Criteria own = Criteria.where("patientNhsNumber").is(nhsNumber);
        return caller.isClinicallyProofedPatient() ? own : own.and("clinical").is(false);
    }

    /** The patient themself, at any proofing level (what they see depends on it). */
    private static void requireOwnInbox(Caller caller, String nhsNumber) {
        Access.requireKind(caller, CallerKind.PATIENT);
        if (!caller.nhsNumber().equals(nhsNumber)) {
            throw new AccessDeniedException("Patients reach only their own messages");
        }
    }

}
