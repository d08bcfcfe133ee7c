package org.cancerplan.messages;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.messages.Message.RelayState;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.NhsNumber;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What support sees and does about messages when a patient says they heard nothing, or
 * the gateway is in trouble: a patient's messages and deliveries, the failures, a resend,
 * and pausing the relay. Support only; each is audited.
 */
@Service
public class Notifications {

    static final String READ_BY_SUPPORT = "MESSAGES_READ";

    static final String RESENT = "MESSAGE_RESENT";

    static final String PAUSED = "NOTIFY_RELAY_PAUSED";

    static final String RESUMED = "NOTIFY_RELAY_RESUMED";

    /** A message as support sees it: what it said, where it stands, each delivery. */
    public record MessageStatus(String id, String nhsNumber, String kind, String title, Instant createdAt,
            Instant readAt, String relayState, int attempts, Instant notBefore, Instant sentAt, String reference,
            String gatewayMessageId, String gatewayStatus, String lastError, int resends,
            Map<String, String> deliveries) {
    }

    /** Whether the relay runs, who changed that and when, and how many messages wait. */
    public record RelayStatus(boolean configured, boolean paused, String changedBy, Instant changedAt, String reason,
            Map<String, Long> messagesByState, Instant oldestUnsent) {
    }

    public static final class ResendRefused extends RuntimeException {

        ResendRefused(String message) {
            super(message);
        }

    }

    private final MongoTemplate mongo;

    private final AuditLog audit;

    private final NotifySettings settings;

    private final Clock clock;

    Notifications(MongoTemplate mongo, AuditLog audit, NotifySettings settings, Clock clock) {
        this.mongo = mongo;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** A patient's messages, newest first. */
    public List<MessageStatus> ofPatient(Caller caller, NhsNumber nhsNumber, int limit) {
        return audit
            .auditedRead(caller, nhsNumber.value(), READ_BY_SUPPORT, () -> requireSupport(caller),
                    () -> mongo.find(Query.query(Criteria.where("patientNhsNumber").is(nhsNumber.value()))
                        .with(Inbox.NEWEST_FIRST)
                        .limit(limit), Message.class).stream().map(Notifications::status).toList());
    }

    /** The messages the relay gave up on, created since {@code since}, newest first. */
    public List<MessageStatus> failures(Caller caller, Instant since, int limit) {
        audit.allowCaller(caller, READ_BY_SUPPORT, () -> requireSupport(caller));
        List<MessageStatus> failed = mongo
            .find(Query.query(Criteria.where("relay.state").is(RelayState.FAILED).and("createdAt").gte(since))
                .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .limit(limit), Message.class)
            .stream()
            .map(Notifications::status)
            .toList();
        audit.recordAllowedReads(caller, failed.stream().map(MessageStatus::nhsNumber).distinct().toList(),
                READ_BY_SUPPORT);
        return failed;
    }

    /**
     * Sends a message again, sent or failed, under a new reference (the gateway would
     * take the old one for a duplicate); callbacks for the old reference are still
     * applied.
     */
    public MessageStatus resend(Caller caller, String messageId) {
        audit.allowCaller(caller, RESENT, () -> requireSupport(caller));
        Message message = mongo.findById(messageId, Message.class);
        if (message == null) {
            throw new ResendRefused("No message " + messageId);
        }
        RelayState state = message.getRelay().state();
        if (state != RelayState.SENT && state != RelayState.FAILED) {
            throw new ResendRefused("Message " + messageId + " is " + state + ": only a SENT or FAILED message is sent"
                    + " again" + (state == RelayState.SUPPRESSED ? " (" + message.getRelay().lastError() + ")" : ""));
        }
        int resend = message.getRelay().resends() + 1;
        Message resent = mongo.findAndModify(
                Query.query(Criteria.where("_id")
                    .is(messageId)
                    .and("relay.state")
                    .is(state)
                    .and("relay.resends")
                    .is(message.getRelay().resends())),
                new Update().set("relay.state", RelayState.PENDING)
                    .set("relay.notBefore", clock.instant())
                    .set("relay.reference", Messages.reference(messageId, resend))
                    .push("relay.earlierReferences", message.getRelay().reference())
                    .set("relay.resends", resend)
                    .set("relay.attempts", 0)
                    .unset("relay.lastError")
                    .unset("relay.gatewayMessageId")
                    .unset("relay.messageStatus")
                    .unset("relay.messageStatusAt")
                    .unset("relay.sentAt"),
                FindAndModifyOptions.options().returnNew(true), Message.class);
        if (resent == null) {
            throw new ResendRefused("Message " + messageId + " changed meanwhile; look again before resending");
        }
        audit.record(caller, message.getPatientNhsNumber(), RESENT, AuditOutcome.ALLOWED);
        return status(resent);
    }

    public RelayStatus pause(Caller caller, String reason) {
        return setPaused(caller, true, reason, PAUSED);
    }

    public RelayStatus resume(Caller caller) {
        return setPaused(caller, false, null, RESUMED);
    }

    private RelayStatus setPaused(Caller caller, boolean paused, String reason, String action) {
        audit.allowCaller(caller, action, () -> requireSupport(caller));
        mongo.upsert(Query.query(Criteria.where("_id").is("relay")),
                new Update().set("paused", paused)
                    .set("changedBy", caller.name())
                    .set("changedAt", clock.instant())
                    .set("reason", reason),
                NotifyRelay.CONTROL);
        audit.record(caller, null, action, AuditOutcome.ALLOWED);
        return relayStatus(caller);
    }

    public RelayStatus relayStatus(Caller caller) {
        requireSupport(caller);
        Document control = mongo.findById("relay", Document.class, NotifyRelay.CONTROL);
        Map<String, Long> byState = Arrays.stream(RelayState.values())
            .collect(Collectors.toMap(RelayState::name,
                    state -> mongo.count(Query.query(Criteria.where("relay.state").is(state)), Message.class),
                    (a, b) -> a, LinkedHashMap::new));
        return new RelayStatus(settings.enabled(), control != null && Boolean.TRUE.equals(control.getBoolean("paused")),
                control == null ? null : control.getString("changedBy"),
                control == null || control.getDate("changedAt") == null ? null
                        : control.getDate("changedAt").toInstant(),
                control == null ? null : control.getString("reason"), byState, oldestUnsent());
    }

    /** When the oldest message not yet sent (pending or being sent) was created. */
    Instant oldestUnsent() {
        Instant oldest = null;
        for (RelayState state : List.of(RelayState.PENDING, RelayState.SENDING)) {
            Message first = mongo.findOne(Query.query(Criteria.where("relay.state").is(state))
                .with(Sort.by(Sort.Direction.ASC, "createdAt"))
                .limit(1), Message.class);
            if (first != null && (oldest == null || first.getCreatedAt().isBefore(oldest))) {
                oldest = first.getCreatedAt();
            }
        }
        return oldest;
    }

    private static void requireSupport(Caller caller) {
        Access.requireKind(caller, CallerKind.SUPPORT);
    }

    private static MessageStatus status(Message message) {
        Message.Relay relay = message.getRelay();
        MessageTexts.Text text = MessageTexts.of(message.getParts());
        Map<String, String> deliveries = message.getDeliveries()
            .stream()
            .collect(Collectors.toMap(delivery -> delivery.channel().name(),
                    delivery -> delivery.status() + " " + delivery.at(), (a, b) -> a, LinkedHashMap::new));
        return new MessageStatus(message.getId(), message.getPatientNhsNumber(), message.getKind().name(), text.title(),
                message.getCreatedAt(), message.getReadAt(), relay.state().name(), relay.attempts(), relay.notBefore(),
                relay.sentAt(), relay.reference(), relay.gatewayMessageId(), relay.messageStatus(), relay.lastError(),
                relay.resends(), deliveries);
    }

}
