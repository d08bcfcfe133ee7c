package org.cancerplan.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cancerplan.shared.MessageKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A message to the patient about one subject (an invitation, a plan, a follow-up request,
 * an assessment): the changes told about it within one hour are its parts, so several
 * changes make one message. Its id is stable (from the patient, the subject and the hour)
 * and is the idempotency key of everything done with it: the gateway's message reference
 * is made from it. Changed only by conditional updates of single fields
 * ({@link Messages}, the relay, the callbacks, the inbox), never by saving the whole
 * document.
 */
@Document(Message.COLLECTION)
@CompoundIndexes({ @CompoundIndex(name = "inbox", def = "{ 'patientNhsNumber': 1, 'createdAt': -1, '_id': 1 }"),
        @CompoundIndex(name = "relay_due", def = "{ 'relay.state': 1, 'relay.notBefore': 1 }"),
        @CompoundIndex(name = "gateway_reference", def = "{ 'relay.reference': 1 }"),
        @CompoundIndex(name = "gateway_earlier_reference", def = "{ 'relay.earlierReferences': 1 }", sparse = true),
        @CompoundIndex(name = "unsent_age", def = "{ 'relay.state': 1, 'createdAt': 1 }"),
        @CompoundIndex(name = "updated", def = "{ 'updatedAt': 1 }") })
public class Message {

    static final String COLLECTION = "messages";

    @Id
    private String id;

    private String patientNhsNumber;

    private About about;

    /** Whether it carries care detail (only a patient proofed to P9 sees it). */
    private boolean clinical;

    private List<Part> parts = new ArrayList<>();

    private Instant createdAt;

    private Instant readAt;

    /** When a part was last added: subscriptions learn of new messages by it. */
    private Instant updatedAt;

    private Relay relay;

    /** Each channel's delivery, by channel. */
    private Map<Channel, Delivery> deliveries = new EnumMap<>(Channel.class);

    /** The idempotency keys of the gateway's callbacks already applied. */
    private List<String> callbackKeys = new ArrayList<>();

    /** What the message is about. */
    public record About(String kind, String id) {
    }

    /** One change told, keyed by its source (the aggregate and the intent's key). */
    public record Part(String key, MessageKind kind, Instant at, Map<String, String> fields) {
    }

    /**
     * How a channel's delivery stands, as the gateway's callbacks (or the app, for READ)
     * last said, and when.
     */
    public record Delivery(DeliveryStatus status, Instant at, String supplierStatus, String description) {
    }

    /** A channel's delivery, as the inbox lists them. */
    public record ChannelDelivery(Channel channel, DeliveryStatus status, Instant at) {
    }

    public enum Channel {

        NHSAPP, SMS, EMAIL, LETTER

    }

    public enum DeliveryStatus {

        CREATED, SENDING, DELIVERED, READ, FAILED, SKIPPED

    }

    /**
     * The relay's state: PENDING until sent (not before {@code notBefore}, the end of its
     * hour, so the hour's changes go together), SENDING while an instance holds its
     * lease, SENT once the gateway accepted it, FAILED when it gave up, SUPPRESSED when
     * the patient died or opted out before it went.
     */
    public record Relay(RelayState state, Instant notBefore, String reference, int attempts, String leaseOwner,
            Instant leaseUntil, String gatewayMessageId, String messageStatus, Instant messageStatusAt,
            String lastError, Instant sentAt, int resends, List<String> earlierReferences) {

        public Relay {
            earlierReferences = earlierReferences == null ? List.of() : List.copyOf(earlierReferences);
        }

    }

    public enum RelayState {

        PENDING, SENDING, SENT, FAILED, SUPPRESSED

    }

    Message() {
    }

    public String getId() {
        return id;
    }

    public String getPatientNhsNumber() {
        return patientNhsNumber;
    }

    public About getAbout() {
        return about;
    }

    public boolean isClinical() {
        return clinical;
    }

    /** The parts in the order the changes happened. */
    public List<Part> getParts() {
        return parts.stream().sorted(Comparator.comparing(Part::at)).toList();
    }

    /** The latest change's kind: what the message, read as a whole, tells now. */
    public MessageKind getKind() {
        List<Part> ordered = getParts();
        return ordered.get(ordered.size() - 1).kind();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public Relay getRelay() {
        return relay;
    }

    /** The deliveries, in the order of {@link Channel}. */
    public List<ChannelDelivery> getDeliveries() {
        return deliveries == null ? List.of()
                : new TreeMap<>(deliveries).entrySet()
                    .stream()
                    .map(entry -> new ChannelDelivery(entry.getKey(), entry.getValue().status(), entry.getValue().at()))
                    .toList();
    }

    Map<Channel, Delivery> deliveriesByChannel() {
        return deliveries == null ? Map.of() : Map.copyOf(deliveries);
    }

}
