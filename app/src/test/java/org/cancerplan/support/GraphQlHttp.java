package org.cancerplan.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends GraphQL requests over real HTTP, as a client would. */
public final class GraphQlHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;

    public GraphQlHttp(int port) {
        this.url = "http://localhost:" + port + "/graphql";
    }

    public record Response(int status, JsonNode body, String correlationId, java.net.http.HttpHeaders headers) {

        public JsonNode data(String path) {
            return body.at("/data/" + path.replace('.', '/'));
        }

        public boolean hasErrors() {
            return body.has("errors") && !body.get("errors").isEmpty();
        }

        public String firstErrorClassification() {
            return body.at("/errors/0/extensions/classification").asString();
        }

        /** The first error's {@code extensions.code}, or "" when there is none. */
        public String firstErrorCode() {
            return body.at("/errors/0/extensions/code").asString("");
        }
    }

    public Response post(String token, String query, Map<String, ?> variables) {
        return post(token, query, variables, null);
    }

    /** Sends the request with the given {@code X-Correlation-Id}, to find its audit events afterwards. */
    public Response post(String token, String query, Map<String, ?> variables, String correlationId) {
        String payload = JSON.writeValueAsString(Map.of("query", query, "variables", variables == null ? Map.of()
                : variables));
        return postJson(token, payload, correlationId);
    }

    /** Sends a request body as given, e.g. a batch (a JSON array) or a persisted-query hash without a query. */
    public Response postJson(String token, String payload, String correlationId) {
        return send(HttpRequest.newBuilder(URI.create(url)), token, payload, correlationId);
    }

    /** Sends the request asking for the given media type, e.g. {@code application/graphql-response+json}. */
    public Response postAccepting(String accept, String token, String query, Map<String, ?> variables) {
        String payload = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept), token, payload, null);
    }

    private Response send(HttpRequest.Builder request, String token, String payload, String correlationId) {
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() || !response.body().startsWith("{") ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), body,
                    response.headers().firstValue("X-Correlation-Id").orElse(null), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String token, String query) {
        return post(token, query, Map.of());
    }
}
