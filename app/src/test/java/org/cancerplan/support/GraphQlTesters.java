package org.cancerplan.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.TomcatWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Spring for GraphQL's testers on a running service, reading the contract's operations by
 * name ({@code documentName("staff/CreatePlan")}, see {@link Contract#documents()}).
 */
public final class GraphQlTesters {

    /** One connection pool for every tester, as one app would have. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Room for the largest pages the tests read (WebTestClient keeps 256 KB by default).
     */
    private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private GraphQlTesters() {
    }

    /**
     * GraphQL over HTTP without a token; {@link #as} gives the same with a caller's
     * token.
     */
    public static HttpGraphQlTester http(int port) {
        return HttpGraphQlTester.builder(webTestClient(port).mutate())
            .documentSource(Contract.documents())
            .responseTimeout(TIMEOUT)
            .build();
    }

    /** The tester sending {@code Authorization: Bearer token} with each request. */
    public static HttpGraphQlTester as(HttpGraphQlTester tester, String token) {
        return tester.mutate().headers(headers -> headers.setBearerAuth(token)).build();
    }

    /**
     * A {@link WebTestClient} posting to the GraphQL endpoint, for what the GraphQL
     * tester does not show: HTTP statuses, headers, bodies that are not GraphQL requests
     * (it expects 200 and a JSON body).
     */
    public static WebTestClient webTestClient(int port) {
        return WebTestClient.bindToServer(new JdkClientHttpConnector(HTTP))
            .baseUrl("http://localhost:" + port + "/graphql")
            .responseTimeout(TIMEOUT)
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_RESPONSE_BYTES))
            .build();
    }

    /**
     * GraphQL over WebSocket (graphql-transport-ws), the token in the
     * {@code connection_init} payload as the apps send it. Its requests share one
     * connection, opened by the first and closed by
     * {@link WebSocketGraphQlTester#stop()}.
     */
    public static WebSocketGraphQlTester webSocket(int port, String token) {
        Map<String, Object> init = Map.of("Authorization", "Bearer " + token);
        return WebSocketGraphQlTester
            .builder(URI.create("ws://localhost:" + port + "/graphql"), new TomcatWebSocketClient())
            .documentSource(Contract.documents())
            .responseTimeout(TIMEOUT)
            .interceptor(new WebSocketGraphQlClientInterceptor() {
                @Override
                public Mono<Object> connectionInitPayload() {
                    return Mono.just(init);
                }
            })
            .build();
    }

    /**
     * Subscribes and asserts that nothing arrives for half a second: the subscription is
     * open, waiting for what it reports, and was neither refused nor completed.
     */
    public static void assertStaysOpen(GraphQlTester.Subscription subscription) {
        StepVerifier.create(subscription.toFlux())
            .expectSubscription()
            .expectNoEvent(Duration.ofMillis(500))
            .thenCancel()
            .verify(TIMEOUT);
    }

}
