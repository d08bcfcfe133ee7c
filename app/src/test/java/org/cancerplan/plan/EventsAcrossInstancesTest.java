package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.cancerplan.CancerPlanApplication;
import org.cancerplan.store.StoreChanges;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.core.publisher.Flux;

/**
 * Two instances of the service on one store: a subscriber connected to instance B hears
 * of a change made through instance A within two seconds, for the plan
 * ({@code myCancerPlanChanged}) and the inbox ({@code myMessageReceived}); on a store
 * with change streams (mongo-java-server with its oplog, standing in for a replica set)
 * and by polling on one without.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final Duration WITHIN = Duration.ofSeconds(2);

    private final Map<String, MongoServer> stores = new HashMap<>();

    private final Map<String, List<ConfigurableApplicationContext>> instances = new HashMap<>();

    @BeforeAll
    void twoInstancesOnEachStore() {
        MemoryBackend withOplog = new MemoryBackend();
        withOplog.enableOplog();
        stores.put("change-streams", new MongoServer(withOplog));
        stores.put("polling", new MongoServer(new MemoryBackend()));
        stores.forEach((source, store) -> {
            String uri = store.bindAndGetConnectionString() + "/cancerplan";
            instances.put(source, List.of(start(uri, source), start(uri, source)));
        });
    }

    private static ConfigurableApplicationContext start(String uri, String source) {
        Map<String, Object> settings = new HashMap<>(IdentityProviders.serviceSettings());
        settings.putAll(Map.of("server.port", "0", "spring.mongodb.uri", uri, "cancerplan.events.source", source,
                "cancerplan.graphql.trusted-documents", "off", "cancerplan.rate-limit.enabled", "false",
                "spring.jmx.enabled", "false"));
        // as arguments: they win over application.yml (default properties would not)
        return new SpringApplicationBuilder(CancerPlanApplication.class).run(settings.entrySet()
            .stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new));
    }

    @AfterAll
    void stop() {
        instances.values().forEach(both -> both.forEach(ConfigurableApplicationContext::close));
        stores.values().forEach(MongoServer::shutdownNow);
    }

    private int port(String source, int instance) {
        return ((WebServerApplicationContext) instances.get(source).get(instance)).getWebServer().getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = { "change-streams", "polling" })
    void aSubscriberOnOneInstanceHearsAPlanChangeAndItsMessageMadeOnTheOther(String source) {
        assertThat(instances.get(source).get(1).getBean(StoreChanges.class).source().name())
            .isEqualTo(source.replace('-', '_').toUpperCase());
        PlanApi onA = new PlanApi(GraphQlTesters.http(port(source, 0)));
        String nhsNumber = onA.registerPatient();
        String planId = onA.createPlan(nhsNumber);
        WebSocketGraphQlTester onB = GraphQlTesters.webSocket(port(source, 1),
                IdentityProviders.patientToken(nhsNumber));
        try {
            onB.start().block(WAIT);
            Flux<Response> planChanges = onB.document("subscription { myCancerPlanChanged { id status version } }")
                .executeSubscription()
                .toFlux();
            Flux<Response> messages = onB.document("subscription { myMessageReceived { kind about { kind id } } }")
                .executeSubscription()
                .toFlux();
            var plan = planChanges.next().toFuture();
            // activating the plan also asks for an assessment, a message of its own
            var message = messages
                .filter(received -> "PLAN_SHARED"
                    .equals(received.path("myMessageReceived.kind").entity(String.class).get()))
                .next()
                .toFuture();
            sleep(Duration.ofMillis(500));

            long changedAt = System.nanoTime();
            onA.status(planId, 1, "ACTIVE").path("updateCancerPlan.errors").entityList(Object.class).hasSize(0);

            Response pushed = plan.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
            Duration planHeardAfter = Duration.ofNanos(System.nanoTime() - changedAt);
            pushed.path("myCancerPlanChanged.id")
                .entity(String.class)
                .isEqualTo(planId)
                .path("myCancerPlanChanged.status")
                .entity(String.class)
                .isEqualTo("ACTIVE");
            Response told = message.orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
            Duration messageHeardAfter = Duration.ofNanos(System.nanoTime() - changedAt);
            told.path("myMessageReceived.kind")
                .entity(String.class)
                .isEqualTo("PLAN_SHARED")
                .path("myMessageReceived.about.id")
                .entity(String.class)
                .isEqualTo(planId);
            assertThat(planHeardAfter).as("the plan's change heard on the other instance").isLessThan(WITHIN);
            assertThat(messageHeardAfter).as("the message heard on the other instance").isLessThan(WITHIN);
        }
        finally {
            onB.stop().block(WAIT);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
