package org.cancerplan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The service on a random port in its production-like mode, trusting the test identity
 * providers, on the embedded store in a fresh directory (its backups beside it). What
 * {@link ApiTest} (one service shared by its subclasses) and {@link IsolatedStoreTest} (a
 * service and store for each test class) have in common; subclasses add settings with
 * {@code @TestPropertySource} and beans with {@code @Import}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServiceTest {

    @LocalServerPort
    protected int port;

    /**
     * GraphQL over HTTP without a token, the contract's operations by name; {@link #as}
     * sends a caller's token.
     */
    protected HttpGraphQlTester graphql;

    /**
     * Plain HTTP to the GraphQL endpoint, for statuses, headers and bodies (see
     * {@link GraphQlTesters}).
     */
    protected WebTestClient http;

    @BeforeEach
    void testers() {
        graphql = GraphQlTesters.http(port);
        http = GraphQlTesters.webTestClient(port);
    }

    protected HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    /** Runs once for each service started: each gets a store directory of its own. */
    @DynamicPropertySource
    static void service(DynamicPropertyRegistry registry) {
        Path store = temporaryDirectory();
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cancerplan.store.path", store::toString);
        registry.add("cancerplan.store.embedded", () -> "true");
        registry.add("cancerplan.store.backup.directory", () -> store.resolve("backups").toString());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cancerplan-test-store");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
