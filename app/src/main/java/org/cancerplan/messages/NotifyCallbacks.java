package org.cancerplan.messages;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.messages.Message.Channel;
import org.cancerplan.messages.Message.Delivery;
import org.cancerplan.messages.Message.DeliveryStatus;
import org.cancerplan.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NHS Notify's status callbacks: the message's status ({@code MessageStatus}) and each
 * channel's ({@code ChannelStatus}). The caller must send the service's API key in
 * {@code x-api-key} (401 otherwise) and sign the body ({@code x-hmac-sha256-signature},
 * 403 otherwise). Callbacks may come twice and in any order: a status is stored only when
 * it is newer than the one stored for the message or channel (by its timestamp), a
 * channel read in the app stays read, and one already applied
 * ({@code meta.idempotencyKey}) is not counted again.
 */
@RestController
@RequestMapping(NotifyCallbacks.PATH)
class NotifyCallbacks {

    static final String PATH = "/notify/callbacks";

    private static final Logger log = LoggerFactory.getLogger(NotifyCallbacks.class);

    private final MongoTemplate mongo;

    private final NotifySettings settings;

    private final JsonMapper json;

    private final MeterRegistry meters;

    NotifyCallbacks(MongoTemplate mongo, NotifySettings settings, JsonMapper json, MeterRegistry meters) {
        this.mongo = mongo;
        this.settings = settings;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/message-status")
    ResponseEntity<Void> messageStatus(@RequestHeader(name = "x-api-key", required = false) String apiKey,
            @RequestHeader(name = "x-hmac-sha256-signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        return receive(apiKey, signature, body, "MessageStatus");
    }

    @PostMapping("/channel-status")
    ResponseEntity<Void> channelStatus(@RequestHeader(name = "x-api-key", required = false) String apiKey,
            @RequestHeader(name = "x-hmac-sha256-signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        return receive(apiKey, signature, body, "ChannelStatus");
    }

    private ResponseEntity<Void> receive(String apiKey, String signature, byte[] body, String type) {
        if (settings.apiKey() == null || !NotifySignatures.sameKey(settings.apiKey(), apiKey)) {
            meters.counter("cancerplan.notify.callbacks", "type", type, "outcome", "unauthorised").increment();
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        byte[] received = body == null ? new byte[0] : body;
        if (!NotifySignatures.matches(settings.callbackSecret(), received, signature)) {
            meters.counter("cancerplan.notify.callbacks", "type", type, "outcome", "bad-signature").increment();
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        JsonNode items;
        try {
            items = json.readTree(received).path("data");
        }
        catch (JacksonException notJson) {
            return ResponseEntity.badRequest().build();
        }
        if (!items.isArray() || items.isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        for (JsonNode item : items) {
            if (!type.equals(item.path("type").asString(""))) {
                return ResponseEntity.badRequest().build();
            }
        }
        for (JsonNode item : items) {
            apply(item, type);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    /**
     * Applies one status. Applying it again changes nothing (only newer statuses are
     * stored), so the key is added after the changes: a stop in between is mended by the
     * gateway's retry.
     */
    private void apply(JsonNode item, String type) {
        JsonNode attributes = item.path("attributes");
        String reference = attributes.path("messageReference").asString(null);
        Instant at = instant(attributes.path("timestamp").asString(null));
        if (reference == null || at == null) {
            log.warn("A {} callback without a message reference or timestamp was ignored", type);
            return;
        }
        String key = item.path("meta").path("idempotencyKey").asString(Sha256.hex(item.toString()));
        Message message = byReference(reference);
        if (message == null) {
            log.warn("A {} callback for reference {}, which no message has, was ignored", type, reference);
            return;
        }
        Query notYetApplied = Query.query(Criteria.where("_id").is(message.getId()).and("callbackKeys").ne(key));
        if (!mongo.exists(notYetApplied, Message.class)) {
            meters.counter("cancerplan.notify.callbacks", "type", type, "outcome", "replay").increment();
            return;
        }
        if ("MessageStatus".equals(type)) {
            String status = attributes.path("messageStatus").asString(null);
            if (status != null) {
                mongo.updateFirst(
                        Query.query(Criteria.where("_id")
                            .is(message.getId())
                            .orOperator(Criteria.where("relay.messageStatusAt").lt(at),
                                    Criteria.where("relay.messageStatusAt").isNull())),
                        new Update().set("relay.messageStatus", status).set("relay.messageStatusAt", at),
                        Message.class);
            }
            for (JsonNode channel : attributes.path("channels")) {
                deliver(message, channel.path("type").asString(""), channel.path("channelStatus").asString(""), null,
                        attributes.path("messageStatusDescription").asString(null), at);
            }
        }
        else {
            deliver(message, attributes.path("channel").asString(""), attributes.path("channelStatus").asString(""),
                    attributes.path("supplierStatus").asString(null),
                    attributes.path("channelStatusDescription").asString(null), at);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(message.getId())),
                new Update().addToSet("callbackKeys", key), Message.class);
        meters.counter("cancerplan.notify.callbacks", "type", type, "outcome", "applied").increment();
    }

    private Message byReference(String reference) {
        Message current = mongo.findOne(Query.query(Criteria.where("relay.reference").is(reference)), Message.class);
        return current != null ? current
                : mongo.findOne(Query.query(Criteria.where("relay.earlierReferences").is(reference)), Message.class);
    }

    /**
     * Stores a channel's status if it is newer than the one stored, unless the patient
     * has read the message in the app.
     */
    private void deliver(Message message, String channelName, String channelStatus, String supplierStatus,
            String description, Instant at) {
        Channel channel = channel(channelName);
        DeliveryStatus status = "read".equals(supplierStatus) ? DeliveryStatus.READ : deliveryStatus(channelStatus);
        if (channel == null || status == null) {
            log.warn("A status {} / {} of channel {} was not understood and was ignored", channelStatus, supplierStatus,
                    channelName);
            return;
        }
        String path = "deliveries." + channel.name();
        Criteria newer = new Criteria().orOperator(Criteria.where(path + ".at").lt(at), Criteria.where(path).isNull());
        Criteria query = Criteria.where("_id").is(message.getId());
        query = status == DeliveryStatus.READ ? query.andOperator(newer)
                : query.andOperator(newer, Criteria.where(path + ".status").ne(DeliveryStatus.READ));
        long changed = mongo
            .updateFirst(Query.query(query),
                    new Update().set(path, new Delivery(status, at, supplierStatus, description)), Message.class)
            .getModifiedCount();
        if (changed > 0) {
            meters
                .counter("cancerplan.notify.deliveries", "kind", message.getKind().name(), "channel", channel.name(),
                        "status", status.name())
                .increment();
        }
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static DeliveryStatus deliveryStatus(String name) {
        try {
            return DeliveryStatus.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        }
        catch (DateTimeParseException notATime) {
            return null;
        }
    }

}
