package org.cancerplan.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.cancerplan.messages.Message.RelayState;
import org.cancerplan.messages.Messages.Source;
import org.cancerplan.messages.NotifyStandIn.Answer;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.screening.OptOuts;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay against a stand-in gateway speaking NHS Notify's API: what it sends, how it
 * retries, and that two instances never send one message twice. The relay's own poll is
 * set an hour apart; each test runs it by hand.
 */
class NotifyRelayTest extends IsolatedStoreTest {

    static final String ROUTING_PLAN = NotifyStandIn.ROUTING_PLAN;

    static final String INVITATION_PLAN = "00000000-0000-4000-8000-000000000001";

    static final NotifyStandIn gateway = NotifyStandIn.start();

    @DynamicPropertySource
    static void notify(DynamicPropertyRegistry registry) {
        gateway.configure(registry);
        registry.add("cancerplan.notify.routing-plans.INVITATION_ISSUED", () -> INVITATION_PLAN);
        registry.add("cancerplan.notify.timeout", () -> "2s");
        registry.add("cancerplan.notify.first-retry-after", () -> "1ms");
        registry.add("cancerplan.notify.longest-retry-after", () -> "5ms");
        registry.add("cancerplan.notify.max-attempts", () -> "3");
        registry.add("cancerplan.notify.batch", () -> "50");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Messages messages;

    @Autowired
    NotifyRelay relay;

    @Autowired
    NotifyGateway notifyGateway;

    @Autowired
    NotifySettings settings;

    @Autowired
    PatientService patients;

    @Autowired
    OptOuts optOuts;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Clock clock;

    @BeforeEach
    void quiet() {
        relay.relayDue();
        gateway.reset();
    }

    @Test
    void aDueMessageIsSentOnceInNotifysShapeAndOneStillCollectingChangesWaits() {
        String nhsNumber = TestNhsNumbers.next();
        Message due = dueMessage(nhsNumber, MessageKind.INVITATION_ISSUED, Map.of("programme", "BOWEL"));
        Message collecting = message(nhsNumber, MessageKind.LEAD_ASSIGNED, Instant.now(), Map.of("leadName", "Sam"));

        double sentBefore = relayed("INVITATION_ISSUED", "sent");

        assertThat(relay.relayDue()).isEqualTo(1);

        assertThat(relayed("INVITATION_ISSUED", "sent") - sentBefore).isEqualTo(1);
        List<NotifyStandIn.Received> requests = gateway.received();
        assertThat(requests).hasSize(1);
        NotifyStandIn.Received request = requests.get(0);
        assertThat(request.status()).isEqualTo(201);
        assertThat(request.reference()).isEqualTo(due.getRelay().reference());
        assertThat(request.routingPlanId()).isEqualTo(INVITATION_PLAN);
        assertThat(request.nhsNumber()).isEqualTo(nhsNumber);
        assertThat(request.contentType()).startsWith("application/vnd.api+json");
        assertThat(request.correlationId()).isEqualTo(due.getId());
        MessageTexts.Text text = MessageTexts.of(due.getParts());
        assertThat(request.personalisation()).isEqualTo(Map.of("title", text.title(), "body", text.body()));

        Message.Relay sent = reload(due).getRelay();
        assertThat(sent.state()).isEqualTo(RelayState.SENT);
        assertThat(sent.gatewayMessageId()).isEqualTo(gateway.idOf(due.getRelay().reference()));
        assertThat(sent.messageStatus()).isEqualTo("created");
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.leaseOwner()).isNull();
        assertThat(reload(collecting).getRelay().state()).isEqualTo(RelayState.PENDING);
        Instant hourEnd = collecting.getCreatedAt().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        assertThat(collecting.getRelay().notBefore()).as("due at the end of its hour, spread over the next minute")
            .isBetween(hourEnd, hourEnd.plusSeconds(60));

        assertThat(relay.relayDue()).isZero();
        assertThat(gateway.received()).hasSize(1);
    }

    @Test
    void aStatusCallbackThatArrivesBeforeTheRelayWritesItsOutcomeIsKept() throws Exception {
        Message due = dueMessage(TestNhsNumbers.next(), MessageKind.LEAD_ASSIGNED, Map.of("leadName", "Sam"));
        gateway.answerNext(new Answer(201, null, Duration.ofMillis(800)));
        Instant callbackAt = Instant.parse("2026-11-30T10:05:00Z");
        // while the gateway is answering, a callback (as NotifyCallbacks stores it) tells
        // a later status
        CompletableFuture<Void> callback = CompletableFuture.runAsync(() -> {
            Instant until = Instant.now().plusSeconds(5);
            while (reload(due).getRelay().state() != RelayState.SENDING && Instant.now().isBefore(until)) {
                Thread.onSpinWait();
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(due.getId())),
                    new Update().set("relay.messageStatus", "delivered").set("relay.messageStatusAt", callbackAt),
                    Message.class);
        });
        double sentBefore = relayed("LEAD_ASSIGNED", "sent");

        relay.relayDue();
        callback.get(5, TimeUnit.SECONDS);

        Message.Relay sent = reload(due).getRelay();
        assertThat(sent.state()).isEqualTo(RelayState.SENT);
        assertThat(sent.gatewayMessageId()).isEqualTo(gateway.idOf(due.getRelay().reference()));
        assertThat(sent.messageStatus()).as("the callback's, not the gateway's first answer").isEqualTo("delivered");
        assertThat(sent.messageStatusAt()).isEqualTo(callbackAt);
        assertThat(sent.leaseOwner()).isNull();
        assertThat(relayed("LEAD_ASSIGNED", "sent") - sentBefore).isEqualTo(1);
    }

    @Test
    void aThrottledMessageWaitsAsLongAsTheGatewaySaysThenGoes() {
        Message due = dueMessage(TestNhsNumbers.next(), MessageKind.LEAD_CHANGED, Map.of("leadName", "Alex"));
        gateway.answerNext(new Answer(429, "7", Duration.ZERO));
        Instant before = Instant.now();

        relay.relayDue();

        Message.Relay waiting = reload(due).getRelay();
        assertThat(waiting.state()).isEqualTo(RelayState.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).startsWith("429");
        assertThat(waiting.notBefore()).isAfterOrEqualTo(before.plusSeconds(7).truncatedTo(ChronoUnit.MILLIS));
        assertThat(relay.relayDue()).as("not before Retry-After").isZero();

        makeDue(due);
        relay.relayDue();

        assertThat(reload(due).getRelay().state()).isEqualTo(RelayState.SENT);
        assertThat(gateway.received(due.getRelay().reference())).extracting(NotifyStandIn.Received::status)
            .containsExactly(429, 201);
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndAnotherMessageIsNotHeldUp() throws InterruptedException {
        Message failing = dueMessage(TestNhsNumbers.next(), MessageKind.TREATMENT_SUMMARY_ISSUED, Map.of());
        gateway.answerNext(Answer.of(500));

        relay.relayDue();
        Message.Relay waiting = reload(failing).getRelay();
        assertThat(waiting.state()).isEqualTo(RelayState.PENDING);
        assertThat(waiting.lastError()).startsWith("500");
        Thread.sleep(20);
        relay.relayDue();

        assertThat(reload(failing).getRelay().state()).isEqualTo(RelayState.SENT);
        assertThat(reload(failing).getRelay().attempts()).isEqualTo(1);
        assertThat(gateway.received(failing.getRelay().reference())).extracting(NotifyStandIn.Received::status)
            .containsExactly(500, 201);
    }

    @Test
    void aTimedOutRequestIsTriedAgainAndTheGatewaysDuplicateAnswerCompletesIt() throws InterruptedException {
        Message slow = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        gateway.answerNext(new Answer(201, null, Duration.ofMillis(3000)));

        relay.relayDue();
        Message.Relay waiting = reload(slow).getRelay();
        assertThat(waiting.state()).isEqualTo(RelayState.PENDING);
        assertThat(waiting.lastError()).contains("no answer within");
        // the gateway took it, though its answer came too late
        Thread.sleep(1500);
        assertThat(gateway.idOf(slow.getRelay().reference())).isNotNull();

        relay.relayDue();

        Message.Relay sent = reload(slow).getRelay();
        assertThat(sent.state()).isEqualTo(RelayState.SENT);
        assertThat(sent.lastError()).contains("CM_DUPLICATE_REQUEST");
        assertThat(gateway.received(slow.getRelay().reference())).extracting(NotifyStandIn.Received::status)
            .containsExactly(201, 422);
    }

    @Test
    void aRefusedMessageAndOneNeverTakenFailVisiblyWhileTheOthersAreSent() {
        Message refused = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        gateway.answerNext(Answer.of(404));
        relay.relayDue();
        assertThat(reload(refused).getRelay().state()).isEqualTo(RelayState.FAILED);
        assertThat(reload(refused).getRelay().lastError()).startsWith("refused: 404");

        Message unavailable = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        Message fine = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            gateway.answerNext(Answer.of(503));
            relayOnly(unavailable);
            makeDue(unavailable);
        }
        Message.Relay failed = reload(unavailable).getRelay();
        assertThat(failed.state()).isEqualTo(RelayState.FAILED);
        assertThat(failed.attempts()).isEqualTo(settings.maxAttempts());
        assertThat(failed.lastError()).contains("not taken after 3 attempts").contains("503");
        relay.relayDue();
        assertThat(reload(fine).getRelay().state()).isEqualTo(RelayState.SENT);
        assertThat(reload(unavailable).getRelay().state()).isEqualTo(RelayState.FAILED);
    }

    @Test
    void twoRelaysAtOnceSendEachMessageExactlyOnce() {
        List<Message> due = IntStream.range(0, 120)
            .mapToObj(i -> dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of()))
            .toList();
        NotifyRelay other = new NotifyRelay(mongo, notifyGateway, settings, patients, optOuts, meters, clock,
                "other-instance");
        try {
            // two threads of their own: the common pool may have one on two cores
            ExecutorService instances = Executors.newFixedThreadPool(2);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(relay::relayDue, instances);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(other::relayDue, instances);
            instances.shutdown();

            assertThat(first.join() + second.join()).isEqualTo(due.size());
        }
        finally {
            other.stop();
        }
        for (Message message : due) {
            assertThat(gateway.received(message.getRelay().reference())).extracting(NotifyStandIn.Received::status)
                .containsExactly(201);
            assertThat(reload(message).getRelay().state()).isEqualTo(RelayState.SENT);
        }
    }

    @Test
    void aMessageWhoseSenderStoppedIsTakenOnceItsLeaseEnds() {
        Message abandoned = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        Message held = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        lease(abandoned, "stopped-instance", Instant.now().minusSeconds(1));
        lease(held, "busy-instance", Instant.now().plusSeconds(60));

        relay.relayDue();

        assertThat(reload(abandoned).getRelay().state()).isEqualTo(RelayState.SENT);
        assertThat(reload(held).getRelay().state()).isEqualTo(RelayState.SENDING);
        assertThat(gateway.received(held.getRelay().reference())).isEmpty();
    }

    @Test
    void nothingIsSentToAPatientWhoDiedOrOptedOutAfterTheMessageWasRecorded() {
        String died = TestNhsNumbers.next();
        String optedOut = TestNhsNumbers.next();
        Message toTheDead = dueMessage(died, MessageKind.INVITATION_ISSUED, Map.of("programme", "BOWEL"));
        Message toTheOptedOut = dueMessage(optedOut, MessageKind.INVITATION_ISSUED, Map.of("programme", "BOWEL"));
        Instant now = Instant.now();
        mongo.insert(new Patient(null, died, "Late", "Patient", LocalDate.of(1950, 1, 1), null, null, null,
                LocalDate.now(clock), null, now, now, null));
        mongo.insert(new Document("_id", OptOuts.key(optedOut, "BOWEL")).append("nhsNumber", optedOut)
            .append("programme", "BOWEL")
            .append("at", now), "screeningOptOuts");

        relay.relayDue();

        assertThat(reload(toTheDead).getRelay().state()).isEqualTo(RelayState.SUPPRESSED);
        assertThat(reload(toTheDead).getRelay().lastError()).contains("death");
        assertThat(reload(toTheOptedOut).getRelay().state()).isEqualTo(RelayState.SUPPRESSED);
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void aPausedRelaySendsNothingUntilResumed() {
        Message due = dueMessage(TestNhsNumbers.next(), MessageKind.PLAN_SHARED, Map.of());
        mongo.upsert(Query.query(Criteria.where("_id").is("relay")), new Update().set("paused", true),
                NotifyRelay.CONTROL);
        try {
            assertThat(relay.relayDue()).isZero();
            assertThat(gateway.received()).isEmpty();
            assertThat(meters.get("cancerplan.notify.relay.paused").gauge().value()).isEqualTo(1);
            assertThat(meters.get("cancerplan.messages.oldest.unsent.age").gauge().value())
                .as("the paused message, created two hours ago")
                .isGreaterThanOrEqualTo(7200);
        }
        finally {
            mongo.upsert(Query.query(Criteria.where("_id").is("relay")), new Update().set("paused", false),
                    NotifyRelay.CONTROL);
        }
        relay.relayDue();
        assertThat(reload(due).getRelay().state()).isEqualTo(RelayState.SENT);
        assertThat(meters.get("cancerplan.notify.relay.paused").gauge().value()).isZero();
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheLongestWait() {
        NotifySettings slow = new NotifySettings(gateway.baseUrl(), "k", "a", Map.of("DEFAULT", ROUTING_PLAN),
                Duration.ofSeconds(2), 10, 1, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10), 10, null);
        NotifyRelay relayWithDefaults = new NotifyRelay(mongo, notifyGateway, slow, patients, optOuts, meters, clock,
                "backoff");
        try {
            List<Duration> waits = new ArrayList<>();
            for (int attempts = 1; attempts <= 6; attempts++) {
                waits.add(relayWithDefaults.retryAfter(attempts, null));
            }
            assertThat(waits.get(0)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
            assertThat(waits.get(1)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(72));
            assertThat(waits.get(2)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(144));
            assertThat(waits.get(5)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(relayWithDefaults.retryAfter(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        }
        finally {
            relayWithDefaults.stop();
        }
    }

    @Test
    void aGatewayWithoutItsKeyOrRoutingPlansIsRefusedAtStartWithTheSettingNamed() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new NotifySettings(gateway.baseUrl(), null, "app", Map.of("DEFAULT", ROUTING_PLAN),
                second, 1, 1, second, second, second, second, 1, null))
            .hasMessageContaining("cancerplan.notify.api-key");
        assertThatThrownBy(() -> new NotifySettings(gateway.baseUrl(), "key", "app", Map.of(), second, 1, 1, second,
                second, second, second, 1, null))
            .hasMessageContaining("cancerplan.notify.routing-plans.DEFAULT");
        assertThatThrownBy(() -> new NotifySettings(gateway.baseUrl(), "key", "app",
                Map.of("INVITATION_SENT", ROUTING_PLAN), second, 1, 1, second, second, second, second, 1, null))
            .hasMessageContaining("INVITATION_SENT: not a kind of message");
        assertThatThrownBy(() -> new NotifySettings(gateway.baseUrl(), "key", "app", Map.of("DEFAULT", "plan-a"),
                second, 1, 1, second, second, second, second, 1, null))
            .hasMessageContaining("a routing plan id is a UUID");
        assertThat(new NotifySettings(null, null, null, null, second, 1, 1, second, second, second, second, 1, null)
            .enabled()).isFalse();
    }

    private double relayed(String kind, String outcome) {
        var counter = meters.find("cancerplan.notify.relayed").tag("kind", kind).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void withSignedJwtAuthenticationTheRelaySendsABearerTokenKeptUntilRefused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("cancerplan-key-1").generate();
        Path pem = Files.createTempFile("notify-key", ".pem");
        Files.writeString(pem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(key.toPrivateKey().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Duration second = Duration.ofSeconds(1);
        NotifySettings signedJwt = new NotifySettings(gateway.baseUrl(), NotifyStandIn.API_KEY,
                NotifyStandIn.APPLICATION_ID, Map.of("DEFAULT", ROUTING_PLAN), second, 1, 1, second, second, second,
                second, 1, new NotifySettings.Auth(gateway.tokenUrl(), pem, "cancerplan-key-1"));
        NotifyAccessTokens tokens = new NotifyAccessTokens(signedJwt, JsonMapper.builder().build(), clock);
        NotifyGateway withTokens = new NotifyGateway(signedJwt, JsonMapper.builder().build(), tokens);
        gateway.requireSignedJwt(key.toPublicJWK());
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(withTokens.send(request())).isInstanceOf(NotifyGateway.Accepted.class);
            }
            assertThat(gateway.tokenRequests()).as("one token for the three").isEqualTo(1);
            assertThat(notifyGateway.send(request())).as("the API key alone is refused now")
                .isInstanceOf(NotifyGateway.TryAgain.class);

            gateway.revokeTokens();
            assertThat(withTokens.send(request())).isInstanceOf(NotifyGateway.TryAgain.class);
            assertThat(withTokens.send(request())).isInstanceOf(NotifyGateway.Accepted.class);
            assertThat(gateway.tokenRequests()).as("a new token after the refusal").isEqualTo(2);

            NotifySettings wrongKeyId = new NotifySettings(gateway.baseUrl(), NotifyStandIn.API_KEY,
                    NotifyStandIn.APPLICATION_ID, Map.of("DEFAULT", ROUTING_PLAN), second, 1, 1, second, second, second,
                    second, 1, new NotifySettings.Auth(gateway.tokenUrl(), pem, "another-key"));
            NotifyGateway.Outcome refused = new NotifyGateway(wrongKeyId, JsonMapper.builder().build(),
                    new NotifyAccessTokens(wrongKeyId, JsonMapper.builder().build(), clock))
                .send(request());
            assertThat(refused).isInstanceOf(NotifyGateway.TryAgain.class);
            assertThat(((NotifyGateway.TryAgain) refused).reason()).startsWith("no access token");
        }
        finally {
            gateway.requireSignedJwt(null);
        }
        assertThatThrownBy(() -> new NotifySettings.Auth(gateway.tokenUrl(), pem, null))
            .hasMessageContaining("cancerplan.notify.auth.key-id");
        Path notAKey = Files.createTempFile("not-a-key", ".pem");
        Files.writeString(notAKey, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        for (Path file : List.of(notAKey, notAKey.resolveSibling("missing-" + UUID.randomUUID() + ".pem"))) {
            NotifySettings badKey = new NotifySettings(gateway.baseUrl(), NotifyStandIn.API_KEY,
                    NotifyStandIn.APPLICATION_ID, Map.of("DEFAULT", ROUTING_PLAN), second, 1, 1, second, second, second,
                    second, 1, new NotifySettings.Auth(gateway.tokenUrl(), file, "cancerplan-key-1"));
            assertThatThrownBy(() -> new NotifyAccessTokens(badKey, JsonMapper.builder().build(), clock))
                .hasMessageContaining("cancerplan.notify.auth.private-key-file");
        }
    }

    private static NotifyGateway.Request request() {
        return new NotifyGateway.Request(ROUTING_PLAN, UUID.randomUUID().toString(), "9990000018", "correlation",
                Map.of("title", "A title", "body", "A body"));
    }

    /** Relays with every other due message held by another instance. */
    private void relayOnly(Message message) {
        List<String> others = mongo
            .find(Query.query(Criteria.where("relay.state").is(RelayState.PENDING).and("_id").ne(message.getId())),
                    Message.class)
            .stream()
            .map(Message::getId)
            .toList();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(others)),
                new Update().set("relay.notBefore", Instant.now().plus(1, ChronoUnit.HOURS)), Message.class);
        relay.relayDue();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(others)),
                new Update().set("relay.notBefore", Instant.now().minusSeconds(1)), Message.class);
    }

    private Message dueMessage(String nhsNumber, MessageKind kind, Map<String, String> fields) {
        return message(nhsNumber, kind, Instant.now().minus(2, ChronoUnit.HOURS), fields);
    }

    private Message message(String nhsNumber, MessageKind kind, Instant at, Map<String, String> fields) {
        String aboutId = UUID.randomUUID().toString();
        MessageIntent intent = MessageIntent.of(kind, nhsNumber,
                kind.name().startsWith("INVITATION") ? "INVITATION" : "PLAN", aboutId, at, fields);
        messages.record(List.of(new Source("tests", aboutId, intent)));
        return mongo.findOne(Query.query(Criteria.where("about.id").is(aboutId)), Message.class);
    }

    private Message reload(Message message) {
        return mongo.findById(message.getId(), Message.class);
    }

    private void makeDue(Message message) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(message.getId())),
                new Update().set("relay.notBefore", Instant.now().minusSeconds(1)), Message.class);
    }

    private void lease(Message message, String owner, Instant until) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(message.getId())),
                new Update().set("relay.state", RelayState.SENDING)
                    .set("relay.leaseOwner", owner)
                    .set("relay.leaseUntil", until),
                Message.class);
    }

}
