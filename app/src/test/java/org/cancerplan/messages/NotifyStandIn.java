package org.cancerplan.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway speaking NHS Notify's Create message ({@code POST /v1/messages}) as its
 * OpenAPI specification describes it: it checks the request's shape and key, answers 201
 * with the message's id, and 422 {@code CM_DUPLICATE_REQUEST} for a reference it has
 * taken before; a test can script the next answers (429 with {@code Retry-After}, 500, a
 * slow answer). It sends callbacks as NHS Notify does, signed.
 */
final class NotifyStandIn implements AutoCloseable {

    static final String API_KEY = "stand-in-api-key";

    static final String APPLICATION_ID = "stand-in-application";

    static final String ROUTING_PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";

    private static final Pattern UUID_TEXT = Pattern
        .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A request the stand-in received, valid or not. */
    record Received(int status, String reference, String routingPlanId, String nhsNumber,
            Map<String, String> personalisation, String contentType, String apiKey, String correlationId) {
    }

    /** A scripted answer: its status, Retry-After (or null), and how long it takes. */
    record Answer(int status, String retryAfter, Duration delay) {

        static Answer of(int status) {
            return new Answer(status, null, Duration.ZERO);
        }

    }

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpServer server;

    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, String> taken = new ConcurrentHashMap<>();

    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * With signed-JWT authentication: the key that signs client assertions, and its id.
     */
    private volatile RSAKey assertionKey;

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    private final Set<String> assertionIds = ConcurrentHashMap.newKeySet();

    private final AtomicInteger tokenRequests = new AtomicInteger();

    private NotifyStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/messages", this::createMessage);
        server.createContext("/oauth2/token", this::token);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    static NotifyStandIn start() {
        try {
            return new NotifyStandIn();
        }
        catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Points the service at this stand-in with its key, application and a default routing
     * plan; the relay polls only when a test asks it to.
     */
    void configure(DynamicPropertyRegistry registry) {
        registry.add("cancerplan.notify.base-url", () -> baseUrl().toString());
        registry.add("cancerplan.notify.api-key", () -> API_KEY);
        registry.add("cancerplan.notify.application-id", () -> APPLICATION_ID);
        registry.add("cancerplan.notify.routing-plans.DEFAULT", () -> ROUTING_PLAN);
        registry.add("cancerplan.notify.poll-interval", () -> "1h");
    }

    void answerNext(Answer... answers) {
        script.addAll(List.of(answers));
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests for one message reference. */
    List<Received> received(String reference) {
        return received().stream().filter(request -> reference.equals(request.reference())).toList();
    }

    /** The gateway's id of the message it took with this reference, if it did. */
    String idOf(String reference) {
        return taken.get(reference);
    }

    void reset() {
        script.clear();
        received.clear();
    }

    /**
     * From now on, as NHS England's production APIs: a bearer token from
     * {@code /oauth2/token} instead of the API key, for a client assertion signed with
     * this key (its public half).
     */
    void requireSignedJwt(RSAKey publicKey) {
        assertionKey = publicKey;
    }

    URI tokenUrl() {
        return URI.create(baseUrl() + "/oauth2/token");
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    /** The tokens issued so far stop working (they expired early, say). */
    void revokeTokens() {
        tokens.clear();
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            tokenRequests.incrementAndGet();
            Map<String, String> form = new java.util.HashMap<>();
            for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] parts = pair.split("=", 2);
                form.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
            int status = 401;
            String answer = "{\"error\":\"invalid_request\"}";
            try {
                SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
                JWTClaimsSet claims = assertion.getJWTClaimsSet();
                boolean valid = "client_credentials".equals(form.get("grant_type"))
                        && "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                            .equals(form.get("client_assertion_type"))
                        && JWSAlgorithm.RS512.equals(assertion.getHeader().getAlgorithm())
                        && assertionKey.getKeyID().equals(assertion.getHeader().getKeyID())
                        && assertion.verify(new RSASSAVerifier(assertionKey)) && API_KEY.equals(claims.getIssuer())
                        && API_KEY.equals(claims.getSubject())
                        && claims.getAudience().equals(List.of(tokenUrl().toString()))
                        && claims.getExpirationTime().after(new java.util.Date())
                        && claims.getExpirationTime().getTime() - System.currentTimeMillis() <= 300_000
                        && claims.getJWTID() != null && assertionIds.add(claims.getJWTID());
                if (valid) {
                    String token = UUID.randomUUID().toString();
                    tokens.add(token);
                    status = 200;
                    answer = "{\"access_token\":\"" + token + "\",\"expires_in\":\"599\",\"token_type\":\"Bearer\","
                            + "\"issued_at\":\"" + System.currentTimeMillis() + "\"}";
                }
            }
            catch (java.text.ParseException | com.nimbusds.jose.JOSEException | RuntimeException invalid) {
                // refused below
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(out);
            }
        }
    }

    private boolean authorised(HttpExchange exchange) {
        if (assertionKey == null) {
            return API_KEY.equals(exchange.getRequestHeaders().getFirst("apikey"));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring("Bearer ".length()));
    }

    private void createMessage(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String apiKey = exchange.getRequestHeaders().getFirst("apikey");
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-ID");
            JsonNode attributes;
            try {
                JsonNode data = json.readTree(body).path("data");
                attributes = "Message".equals(data.path("type").asString("")) ? data.path("attributes") : null;
            }
            catch (RuntimeException notJson) {
                attributes = null;
            }
            String reference = attributes == null ? null : attributes.path("messageReference").asString(null);
            String routingPlan = attributes == null ? null : attributes.path("routingPlanId").asString(null);
            String nhsNumber = attributes == null ? null
                    : attributes.path("recipient").path("nhsNumber").asString(null);
            Map<String, String> personalisation = attributes == null ? Map.of()
                    : json.convertValue(attributes.path("personalisation"),
                            json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            int status;
            String answer;
            Answer scripted = script.poll();
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
                answer = error(405, "CM_NOT_ALLOWED", "Method not allowed");
            }
            else if (!authorised(exchange)) {
                status = 401;
                answer = error(401, "CM_DENIED", "Access denied");
            }
            else if (contentType == null || !contentType.startsWith("application/vnd.api+json")) {
                status = 415;
                answer = error(415, "CM_UNSUPPORTED_MEDIA", "Unsupported media type");
            }
            else if (reference == null || routingPlan == null || !UUID_TEXT.matcher(routingPlan).matches()
                    || nhsNumber == null || !nhsNumber.matches("\\d{10}")) {
                status = 400;
                answer = error(400, "CM_INVALID_VALUE", "Invalid request");
            }
            else if (scripted != null) {
                sleep(scripted.delay());
                status = scripted.status();
                answer = status == 201 ? created(reference, routingPlan)
                        : error(status, "CM_SCRIPTED", "Scripted answer " + status);
                if (scripted.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", scripted.retryAfter());
                }
            }
            else if (taken.containsKey(reference)) {
                status = 422;
                answer = error(422, "CM_DUPLICATE_REQUEST", "Request exists with identical messageReference");
            }
            else {
                status = 201;
                answer = created(reference, routingPlan);
            }
            received.add(new Received(status, reference, routingPlan, nhsNumber, personalisation, contentType, apiKey,
                    correlationId));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.api+json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(out);
            }
        }
        catch (IOException clientGone) {
            // the relay gave up waiting (a timeout test)
        }
    }

    private String created(String reference, String routingPlan) {
        String id = taken.computeIfAbsent(reference, any -> UUID.randomUUID().toString().replace("-", ""));
        return json.writeValueAsString(Map.of("data", Map.of("type", "Message", "id", id, "attributes",
                Map.of("messageReference", reference, "messageStatus", "created", "timestamps",
                        Map.of("created", java.time.Instant.now().toString()), "routingPlan",
                        Map.of("id", routingPlan, "name", "Stand-in plan", "createdDate", "2026-01-01T00:00:00.000Z")),
                "links", Map.of("self", baseUrl() + "/v1/messages/" + id))));
    }

    private String error(int status, String code, String title) {
        return json.writeValueAsString(Map.of("errors", List.of(Map.of("id", UUID.randomUUID().toString(), "code", code,
                "status", String.valueOf(status), "title", title, "detail", title))));
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A ChannelStatus callback's body, as NHS Notify sends it. */
    String channelStatus(String idempotencyKey, String reference, String channel, String channelStatus,
            String supplierStatus, String timestamp) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("messageId", taken.getOrDefault(reference, "2WL3qFTEFM0qMY8xjRbt1LIKCzM"));
        attributes.put("messageReference", reference);
        attributes.put("cascadeType", "primary");
        attributes.put("cascadeOrder", 1);
        attributes.put("channel", channel);
        attributes.put("channelStatus", channelStatus);
        attributes.put("channelStatusDescription", " ");
        if (supplierStatus != null) {
            attributes.put("supplierStatus", supplierStatus);
        }
        attributes.put("timestamp", timestamp);
        attributes.put("retryCount", 0);
        return json.writeValueAsString(Map.of("data",
                List.of(Map.of("type", "ChannelStatus", "attributes", attributes, "links",
                        Map.of("message", baseUrl() + "/v1/messages/x"), "meta",
                        Map.of("idempotencyKey", idempotencyKey)))));
    }

    /** A MessageStatus callback's body, as NHS Notify sends it. */
    String messageStatus(String idempotencyKey, String reference, String messageStatus, String channel,
            String channelStatus, String timestamp) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("messageId", taken.getOrDefault(reference, "2WL3qFTEFM0qMY8xjRbt1LIKCzM"));
        attributes.put("messageReference", reference);
        attributes.put("messageStatus", messageStatus);
        attributes.put("channels", List.of(Map.of("type", channel, "channelStatus", channelStatus)));
        attributes.put("timestamp", timestamp);
        attributes.put("routingPlan", Map.of("id", "b838b13c-f98c-4def-93f0-515d4e4f4ee1", "name", "Stand-in plan",
                "version", "ztoe2qRAM8M8vS0bqajhyEBcvXacrGPp", "createdDate", "2026-01-01T00:00:00.000Z"));
        return json.writeValueAsString(Map.of("data",
                List.of(Map.of("type", "MessageStatus", "attributes", attributes, "links",
                        Map.of("message", baseUrl() + "/v1/messages/x"), "meta",
                        Map.of("idempotencyKey", idempotencyKey)))));
    }

    /**
     * Posts a callback to the service as NHS Notify does: the key in {@code x-api-key}
     * and the body signed with {@code APPLICATION_ID.API_KEY}; null leaves a header out.
     * Returns the service's status.
     */
    int callback(int servicePort, String path, String body, String apiKey, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + servicePort + path))
            .header("Content-Type", "application/vnd.api+json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        if (signature != null) {
            request.header("x-hmac-sha256-signature", signature);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    static String signature(String body) {
        return NotifySignatures.sign(APPLICATION_ID + "." + API_KEY, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
