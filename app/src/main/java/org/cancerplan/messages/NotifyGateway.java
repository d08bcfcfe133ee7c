package org.cancerplan.messages;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * NHS Notify's Create message ({@code POST /v1/messages}) as the relay uses it: the
 * JSON:API request, and its answers read as what to do next.
 */
@Component
class NotifyGateway {

    static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    /** What the gateway's answer means for the message. */
    sealed interface Outcome permits Accepted, AlreadySent, TryAgain, Refused {

    }

    /** Taken: the gateway's id for it and its first status. */
    record Accepted(String gatewayMessageId, String messageStatus) implements Outcome {
    }

    /** The gateway had it already (its reference was sent before): nothing more to do. */
    record AlreadySent(String detail) implements Outcome {
    }

    /**
     * Not taken now (throttled, busy, failed, timed out): try again, not before
     * {@code retryAfter} when the gateway said (null otherwise).
     */
    record TryAgain(Duration retryAfter, String reason) implements Outcome {
    }

    /** Never to be taken as it is (an unknown routing plan, an invalid request). */
    record Refused(String reason) implements Outcome {
    }

    /** A message as Create message takes it. */
    record Request(String routingPlanId, String messageReference, String nhsNumber, String correlationId,
            Map<String, String> personalisation) {
    }

    private final NotifySettings settings;

    private final JsonMapper json;

    private final RestClient client;

    private final NotifyAccessTokens tokens;

    NotifyGateway(NotifySettings settings, JsonMapper json, NotifyAccessTokens tokens) {
        this.settings = settings;
        this.json = json;
        this.tokens = tokens;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
        requests.setReadTimeout(settings.timeout());
        this.client = RestClient.builder()
            .requestFactory(requests)
            .baseUrl(settings.enabled() ? settings.baseUrl().toString() : "http://localhost")
            .build();
    }

    Outcome send(Request request) {
        String body = json.writeValueAsString(body(request));
        Optional<String> bearer;
        try {
            bearer = tokens.bearer();
        }
        catch (RuntimeException noToken) {
            return new TryAgain(null, "no access token from the token endpoint: " + noToken.getMessage());
        }
        try {
            Outcome outcome = client.post()
                .uri("/v1/messages")
                .contentType(JSON_API)
                .accept(JSON_API, MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (bearer.isPresent()) {
                        headers.setBearerAuth(bearer.get());
                    }
                    else {
                        headers.set("apikey", settings.apiKey());
                    }
                })
                .header("X-Correlation-ID", request.correlationId())
                .body(body)
                .exchange((sent, response) -> outcome(response.getStatusCode(),
                        response.getHeaders().getFirst("Retry-After"), read(response.getBody().readAllBytes())));
            if (bearer.isPresent() && outcome instanceof TryAgain again && again.reason().startsWith("401")) {
                tokens.refused();
            }
            return outcome;
        }
        catch (ResourceAccessException unreachable) {
            return new TryAgain(null, unreachable.getCause() instanceof HttpTimeoutException
                    ? "no answer within " + settings.timeout() : "unreachable: " + unreachable.getMostSpecificCause());
        }
        catch (UncheckedIOException broken) {
            return new TryAgain(null, "connection failed: " + broken.getCause());
        }
    }

    private static Map<String, Object> body(Request request) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("routingPlanId", request.routingPlanId());
        attributes.put("messageReference", request.messageReference());
        attributes.put("recipient", Map.of("nhsNumber", request.nhsNumber()));
        attributes.put("personalisation", request.personalisation());
        return Map.of("data", Map.of("type", "Message", "attributes", attributes));
    }

    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        }
        catch (JacksonException notJson) {
            return json.createObjectNode();
        }
    }

    static Outcome outcome(HttpStatusCode status, String retryAfter, JsonNode body) {
        int code = status.value();
        String error = firstError(body);
        if (status.is2xxSuccessful()) {
            JsonNode data = body.path("data");
            return new Accepted(data.path("id").asString(null),
                    data.path("attributes").path("messageStatus").asString("created"));
        }
        if (code == 422 && error.startsWith("CM_DUPLICATE_REQUEST")) {
            return new AlreadySent(error);
        }
        if (code == 429 || code == 425 || code == 408 || code == 401 || code == 403 || status.is5xxServerError()) {
            return new TryAgain(seconds(retryAfter), code + (error.isEmpty() ? "" : " " + error));
        }
        return new Refused(code + (error.isEmpty() ? "" : " " + error));
    }

    /** The first error's code and detail, as JSON:API error documents carry them. */
    private static String firstError(JsonNode body) {
        JsonNode first = body.path("errors").path(0);
        return (first.path("code").asString("") + " " + first.path("detail").asString("")).trim();
    }

    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        }
        catch (NumberFormatException notSeconds) {
            return null;
        }
    }

}
