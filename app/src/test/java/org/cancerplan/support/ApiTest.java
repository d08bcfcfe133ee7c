package org.cancerplan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a random port in its production-like mode, on the embedded store (a fresh directory) and trusting
 * the test identity providers, counting the commands it sends to the store. Every subclass shares one running
 * service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MongoCommands.class)
public abstract class ApiTest {

    private static final Path STORE = temporaryDirectory();

    @LocalServerPort
    protected int port;

    protected GraphQlHttp graphql;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cancerplan.store.path", STORE::toString);
        registry.add("cancerplan.store.embedded", () -> "true");
        registry.add("cancerplan.store.backup.directory", () -> STORE.resolve("backups").toString());
        registry.add("cancerplan.graphql.trusted-documents", () -> "off");
        registry.add("cancerplan.rate-limit.enabled", () -> "false");
    }

    @BeforeEach
    void client() {
        graphql = new GraphQlHttp(port);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cancerplan-test-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
