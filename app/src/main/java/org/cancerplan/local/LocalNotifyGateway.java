package org.cancerplan.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.cancerplan.messages.NotifySettings;
import org.cancerplan.messages.NotifySignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local mode's stand-in for NHS Notify: Create message ({@code POST /v1/messages})
 * under {@value #PATH}, as the relay calls it. It "delivers" each message to the NHS App
 * inbox (the service's own: it reports the app channel delivered through the signed
 * status callbacks NHS Notify would send) and writes to the log the text message and
 * letter that would follow if the app message went unread. Never for real data: nothing
 * leaves the machine.
 */
@RestController
@RequestMapping(LocalNotifyGateway.PATH)
@Profile(LocalMode.PROFILE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LocalNotifyGateway {

    static final String PATH = "/local/notify";

    private static final Logger log = LoggerFactory.getLogger(LocalNotifyGateway.class);

    private final NotifySettings settings;

    private final JsonMapper json;

    private final Environment environment;

    private final Map<String, String> taken = new ConcurrentHashMap<>();

    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-notify-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    private final RestClient client = RestClient.create();

    LocalNotifyGateway(NotifySettings settings, JsonMapper json, Environment environment) {
        LocalMode.requireLocalProfile(environment);
        this.settings = settings;
        this.json = json;
        this.environment = environment;
    }

    @PostMapping("/v1/messages")
    ResponseEntity<Map<String, Object>> createMessage(@RequestHeader(name = "apikey", required = false) String apiKey,
            @RequestBody JsonNode request) {
        if (settings.apiKey() == null || !settings.apiKey().equals(apiKey)) {
            return error(HttpStatus.UNAUTHORIZED, "CM_DENIED", "Access denied");
        }
        JsonNode attributes = request.path("data").path("attributes");
        String reference = attributes.path("messageReference").asString(null);
        String nhsNumber = attributes.path("recipient").path("nhsNumber").asString(null);
        if (!"Message".equals(request.path("data").path("type").asString("")) || reference == null
                || nhsNumber == null) {
            return error(HttpStatus.BAD_REQUEST, "CM_INVALID_VALUE", "Invalid request");
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        if (taken.putIfAbsent(reference, id) != null) {
            return error(HttpStatus.UNPROCESSABLE_CONTENT, "CM_DUPLICATE_REQUEST",
                    "Request exists with identical messageReference");
        }
        JsonNode personalisation = attributes.path("personalisation");
        String title = personalisation.path("title").asString("");
        String body = personalisation.path("body").asString("");
        log.info("NHS App message to {}: \"{}\" {}", nhsNumber, title, body);
        log.info("Text message to {}, if the app message is not read: \"{}: {} Open the NHS App to read more.\"",
                nhsNumber, title, body);
        log.info("Letter to {}, if neither is read: \"{}\n\n{}\"", nhsNumber, title, body);
        callbacks.execute(() -> reportDelivered(reference, id));
        Instant now = Instant.now();
        return ResponseEntity.status(HttpStatus.CREATED)
            .contentType(MediaType.parseMediaType("application/vnd.api+json"))
            .body(Map.of("data",
                    Map.of("type", "Message", "id", id, "attributes",
                            Map.of("messageReference", reference, "messageStatus", "created", "timestamps",
                                    Map.of("created", now.toString()), "routingPlan",
                                    Map.of("id", attributes.path("routingPlanId").asString(""), "name",
                                            "Local stand-in", "createdDate", now.toString())),
                            "links", Map.of("self", PATH + "/v1/messages/" + id))));
    }

    /** As NHS Notify would: the app channel delivered, then the message. */
    private void reportDelivered(String reference, String id) {
        Instant at = Instant.now();
        Map<String, Object> channel = Map.of("type", "ChannelStatus", "attributes",
                Map.of("messageId", id, "messageReference", reference, "cascadeType", "primary", "cascadeOrder", 1,
                        "channel", "nhsapp", "channelStatus", "delivered", "supplierStatus", "delivered", "timestamp",
                        at.toString(), "retryCount", 0),
                "links", Map.of("message", PATH + "/v1/messages/" + id), "meta",
                Map.of("idempotencyKey", UUID.randomUUID().toString()));
        Map<String, Object> message = Map.of("type", "MessageStatus", "attributes",
                Map.of("messageId", id, "messageReference", reference, "messageStatus", "delivered", "channels",
                        List.of(Map.of("type", "nhsapp", "channelStatus", "delivered")), "timestamp", at.toString(),
                        "routingPlan",
                        Map.of("id", UUID.randomUUID().toString(), "name", "Local stand-in", "createdDate",
                                at.toString())),
                "links", Map.of("message", PATH + "/v1/messages/" + id), "meta",
                Map.of("idempotencyKey", UUID.randomUUID().toString()));
        post("channel-status", Map.of("data", List.of(channel)));
        post("message-status", Map.of("data", List.of(message)));
    }

    private void post(String callback, Map<String, Object> body) {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        try {
            client.post()
                .uri(URI.create("http://localhost:" + environment.getProperty("local.server.port")
                        + "/notify/callbacks/" + callback))
                .contentType(MediaType.parseMediaType("application/vnd.api+json"))
                .header("x-api-key", settings.apiKey())
                .header("x-hmac-sha256-signature",
                        NotifySignatures.sign(settings.applicationId() + "." + settings.apiKey(), bytes))
                .body(bytes)
                .retrieve()
                .toBodilessEntity();
        }
        catch (RuntimeException failed) {
            log.warn("The local stand-in could not report a delivery ({}): {}", callback, failed.toString());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String title) {
        return ResponseEntity.status(status)
            .contentType(MediaType.parseMediaType("application/vnd.api+json"))
            .body(Map.of("errors", List.of(Map.of("id", UUID.randomUUID().toString(), "code", code, "status",
                    String.valueOf(status.value()), "title", title, "detail", title))));
    }

    @PreDestroy
    void stop() {
        callbacks.shutdownNow();
    }

}
