package org.cancerplan.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a MongoDB (a wire-protocol server of its own) that goes away and comes
 * back: readiness follows it, liveness does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreReadinessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static MongoServer mongo = new MongoServer(new MemoryBackend());

    private static final InetSocketAddress ADDRESS = mongo.bind();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + ADDRESS.getPort() + "/cancerplan?serverSelectionTimeoutMS=3000");
        registry.add("cancerplan.store.health-timeout", () -> "1s");
    }

    @AfterAll
    static void stop() {
        mongo.shutdownNow();
    }

    @Test
    void readinessIsDownWhileTheStoreIsUnreachableAndUpWhenItReturns() throws Exception {
        assertThat(status("/readyz")).isEqualTo(200);

        mongo.shutdownNow();
        Instant askedAt = Instant.now();
        awaitStatus("/readyz", 503);
        assertThat(Duration.between(askedAt, Instant.now())).as("a probe's answer comes in time")
            .isLessThan(Duration.ofSeconds(10));
        assertThat(status("/actuator/health/readiness")).isEqualTo(503);
        assertThat(status("/livez")).as("liveness does not depend on the store").isEqualTo(200);

        mongo = new MongoServer(new MemoryBackend());
        mongo.bind(ADDRESS.getHostString(), ADDRESS.getPort());
        awaitStatus("/readyz", 200);
        assertThat(status("/livez")).isEqualTo(200);
    }

    private void awaitStatus(String path, int expected) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(30);
        int last = status(path);
        while (last != expected && Instant.now().isBefore(giveUp)) {
            Thread.sleep(200);
            last = status(path);
        }
        assertThat(last).as(path).isEqualTo(expected);
    }

    private int status(String path) throws Exception {
        return HTTP
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .timeout(Duration.ofSeconds(15))
                .build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

}
