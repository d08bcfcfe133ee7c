package org.cancerplan.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Something to tell the patient about a change, kept in the outbox of the aggregate that
 * changed and written in the same document write as the change, so it cannot be lost
 * between the two. The messages module turns each into (part of) a message and then
 * removes it from the outbox; {@code key} is unique within the aggregate, so doing that
 * again after a crash adds nothing twice.
 *
 * @param key unique within the aggregate, e.g. {@code PLAN_SHARED@v3}
 * @param about what it is about ({@code PLAN}, {@code INVITATION},
 * {@code FOLLOW_UP_REQUEST}, {@code ASSESSMENT}) and its id
 * @param fields what the text says, e.g. the programme or the appointment's time
 */
public record MessageIntent(String key, MessageKind kind, String nhsNumber, String aboutKind, String aboutId,
        Instant at, Map<String, String> fields) {

    /** The field of an aggregate holding its intents. */
    public static final String OUTBOX = "outbox";

    /**
     * Set with the first intent and unset once the outbox is empty: what the sweep looks
     * for.
     */
    public static final String PENDING = "outboxPending";

    public MessageIntent {
        at = at.truncatedTo(ChronoUnit.MILLIS);
        fields = fields == null ? Map.of()
                : fields.entrySet()
                    .stream()
                    .filter(field -> field.getValue() != null)
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The intent of a change at {@code at}, keyed by its kind and time. */
    public static MessageIntent of(MessageKind kind, String nhsNumber, String aboutKind, String aboutId, Instant at,
            Map<String, String> fields) {
        return new MessageIntent(kind + "@" + at.toEpochMilli(), kind, nhsNumber, aboutKind, aboutId, at, fields);
    }

    /**
     * Published after an aggregate in {@code collection} was written with intents in its
     * outbox, so they are turned into messages promptly (a sweep finds any missed).
     */
    public record Written(String collection) {
    }

}
