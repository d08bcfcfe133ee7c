package org.cancerplan.messages;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.cancerplan.shared.MessageKind;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway messages are sent through (NHS Notify, or anything speaking its API). With
 * no {@code baseUrl} nothing is sent: messages wait, and the inbox still shows them.
 *
 * @param baseUrl the API's root, before {@code /v1/messages} (for NHS Notify,
 * {@code https://api.service.nhs.uk/comms})
 * @param apiKey the key NHS Notify gave the service: sent with each request as
 * {@code apikey}, expected in each callback's {@code x-api-key}, and half of the
 * callbacks' signing secret
 * @param applicationId the service's application id, the other half of the callbacks'
 * signing secret ({@code APPLICATION_ID.API_KEY})
 * @param routingPlans the routing plan of each message kind (by {@link MessageKind}
 * name), and {@code DEFAULT} for the kinds not named
 * @param pollInterval how often due messages are looked for
 * @param batch at most this many messages are taken per pass
 * @param concurrency how many requests to the gateway are in flight at once
 * @param timeout a request the gateway has not answered in this time is tried again later
 * @param lease how long an instance holds a message it is sending; a message whose
 * instance stopped is taken by another after this
 * @param firstRetryAfter the wait before the first retry, doubled for each later one (a
 * {@code Retry-After} from the gateway takes precedence when longer)
 * @param longestRetryAfter the longest wait between retries
 * @param maxAttempts a message the gateway has not taken after this many attempts is
 * marked failed
 * @param auth how to get the bearer token NHS Notify's production API wants (NHS
 * England's signed-JWT application-restricted authentication); without it the relay sends
 * the API key as {@code apikey}
 */
@Validated
@ConfigurationProperties("cancerplan.notify")
public record NotifySettings(URI baseUrl, String apiKey, String applicationId, Map<String, String> routingPlans,
        @DefaultValue("2s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(10000) int batch, @DefaultValue("8") @Min(1) @Max(64) int concurrency,
        @DefaultValue("10s") @DurationMin(millis = 10) Duration timeout,
        @DefaultValue("2m") @DurationMin(seconds = 1) Duration lease,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration firstRetryAfter,
        @DefaultValue("1h") @DurationMin(millis = 1) Duration longestRetryAfter,
        @DefaultValue("10") @Min(1) int maxAttempts, Auth auth) {

    /**
     * Signed-JWT authentication: a JWT signed (RS512) with the service's private key,
     * whose public key NHS England holds under {@code keyId}, is exchanged at
     * {@code tokenUrl} for an access token.
     *
     * @param tokenUrl the token endpoint (for NHS England's production APIs,
     * {@code https://api.service.nhs.uk/oauth2/token})
     * @param privateKeyFile the RSA private key, PEM-encoded PKCS#8
     * @param keyId the key's id in the public key set registered with NHS England
     */
    public record Auth(URI tokenUrl, java.nio.file.Path privateKeyFile, String keyId) {

        public Auth {
            if (tokenUrl != null && (privateKeyFile == null || keyId == null || keyId.isBlank())) {
                throw new IllegalArgumentException("cancerplan.notify.auth.private-key-file and "
                        + "cancerplan.notify.auth.key-id are required with cancerplan.notify.auth.token-url");
            }
        }

        boolean enabled() {
            return tokenUrl != null;
        }

    }

    static final String DEFAULT_POLL_INTERVAL = "2s";

    public NotifySettings {
        routingPlans = routingPlans == null ? Map.of() : Map.copyOf(routingPlans);
        if (baseUrl != null) {
            require(apiKey, "cancerplan.notify.api-key");
            require(applicationId, "cancerplan.notify.application-id");
            if (routingPlans.isEmpty()) {
                throw new IllegalArgumentException("cancerplan.notify.routing-plans.DEFAULT (or one for each kind of "
                        + "message) is required when cancerplan.notify.base-url is set");
            }
        }
        routingPlans.forEach((kind, plan) -> {
            if (!"DEFAULT".equals(kind) && Arrays.stream(MessageKind.values()).noneMatch(k -> k.name().equals(kind))) {
                throw new IllegalArgumentException("cancerplan.notify.routing-plans." + kind
                        + ": not a kind of message (" + Arrays.toString(MessageKind.values()) + " or DEFAULT)");
            }
            if (!ROUTING_PLAN_ID.matcher(plan).matches()) {
                throw new IllegalArgumentException(
                        "cancerplan.notify.routing-plans." + kind + ": a routing plan id is a UUID, not " + plan);
            }
        });
    }

    private static final Pattern ROUTING_PLAN_ID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required when cancerplan.notify.base-url is set");
        }
    }

    boolean enabled() {
        return baseUrl != null;
    }

    /** The routing plan for a kind of message, or null when none is configured. */
    String routingPlan(MessageKind kind) {
        return routingPlans.getOrDefault(kind.name(), routingPlans.get("DEFAULT"));
    }

    /** The secret NHS Notify signs its callbacks with. */
    String callbackSecret() {
        return applicationId + "." + apiKey;
    }

}
