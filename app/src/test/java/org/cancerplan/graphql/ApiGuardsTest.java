package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.graphql.RequestLimitsTest.assertPasses;
import static org.cancerplan.graphql.RequestLimitsTest.assertRefused;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.MongoCommands;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The guards the shared test service has switched off: rate limits, trusted documents and a short timeout. */
@Import(MongoCommands.class)
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=patients", "cancerplan.rate-limit.enabled=true",
        "cancerplan.rate-limit.capacity=400", "cancerplan.rate-limit.restore-per-second=50",
        "cancerplan.graphql.limits.timeout=1s" })
class ApiGuardsTest extends IsolatedStoreTest {

    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");
    private static final String MY_CARE = Contract.operation("patient-app/MyCare");

    @Autowired
    MongoCommands commands;

    GraphQlHttp graphql;

    @BeforeEach
    void client() {
        graphql = new GraphQlHttp(port);
    }

    @Test
    void aBurstIsRefusedWithRetryAfterAndServedAgainOnceTheBudgetIsBack() throws Exception {
        String patient = IdentityProviders.patientToken(TestNhsNumbers.next());

        // MyCare costs 173 points (10 invitations): two fit in a budget of 400, then the budget runs dry however
        // slowly this machine answers (50 points come back per second)
        Response first = graphql.post(patient, MY_CARE);
        Response second = graphql.post(patient, MY_CARE);
        Response refused = second;
        for (int i = 0; i < 10 && refused.firstErrorCode().isEmpty(); i++) {
            refused = graphql.post(patient, MY_CARE);
        }
        Response otherPatient = graphql.post(IdentityProviders.patientToken(TestNhsNumbers.next()), MY_CARE);

        assertPasses(first);
        assertPasses(second);
        assertThat(first.body().at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(173);
        assertThat(first.body().at("/extensions/cost/throttleStatus/maximumAvailable").asInt()).isEqualTo(400);
        assertThat(first.body().at("/extensions/cost/throttleStatus/currentlyAvailable").asInt()).isBetween(227, 400);
        assertThat(first.body().at("/extensions/cost/throttleStatus/restoreRate").asInt()).isEqualTo(50);
        assertRefused(refused, "RATE_LIMITED", "retry after");
        assertThat(refused.status()).isLessThan(500);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 4L);
        assertThat(refused.body().at("/errors/0/extensions/retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertPasses(otherPatient);

        Thread.sleep(retryAfter * 1_000);
        assertPasses(graphql.post(patient, MY_CARE));
    }

    @Test
    void patientsMayRunOnlyTrustedDocumentsSentInFullOrByHash() {
        String patient = IdentityProviders.patientToken("9434765919");
        String myCare = Contract.operation("patient-app/MyCare");
        String hash = TrustedDocuments.sha256(myCare);

        Response inFull = graphql.post(patient, myCare);
        Response byHash = graphql.postJson(patient, persisted(hash, null), null);
        Response edited = graphql.post(patient, myCare.replace("givenName", "givenName\n"));
        Response ownQuery = graphql.post(patient, "{ me { nhsNumber } }");
        Response unknownHash = graphql.postJson(patient, persisted("0".repeat(64), null), null);
        Response mismatch = graphql.postJson(patient, persisted(hash, "{ me { nhsNumber } }"), null);
        Response ownQueryStrictly = graphql.postAccepting(ErrorCodesTest.GRAPHQL_RESPONSE, patient,
                "{ me { nhsNumber } }", Map.of());

        assertPasses(inFull);
        assertPasses(byHash);
        assertThat(byHash.body().get("data")).isEqualTo(inFull.body().get("data"));
        assertRefused(edited, "UNTRUSTED_DOCUMENT", "published clients");
        assertRefused(ownQuery, "UNTRUSTED_DOCUMENT", "published clients");
        assertRefused(unknownHash, "UNTRUSTED_DOCUMENT", "sha256Hash");
        assertRefused(mismatch, "UNTRUSTED_DOCUMENT", "sha256Hash");
        assertThat(ownQuery.status()).isEqualTo(200);
        assertRefused(ownQueryStrictly, "UNTRUSTED_DOCUMENT", "published clients");
        assertThat(ownQueryStrictly.status()).isEqualTo(403);
    }

    @Test
    void overWebSocketAPatientMaySubscribeOnlyWithTheAppsOwnSubscription() throws Exception {
        String trusted = Files.readString(java.nio.file.Path.of(
                "../schema/src/main/client/patient-app/MyCancerPlanChanged.graphql"));
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload",
                    Map.of("Authorization", "Bearer " + IdentityProviders.patientToken("9434765919"))));
            assertThat(socket.next(Duration.ofSeconds(10)).get("type").asString()).isEqualTo("connection_ack");

            socket.send(Map.of("id", "own", "type", "subscribe", "payload",
                    Map.of("query", "subscription { myCancerPlanChanged { id } }")));
            JsonNode refused = socket.next(Duration.ofSeconds(10));
            socket.send(Map.of("id", "app", "type", "subscribe", "payload", Map.of("query", trusted)));

            assertThat(refused.get("id").asString()).isEqualTo("own");
            assertThat(refused.toString()).contains("UNTRUSTED_DOCUMENT");
            // the refused one is completed; the trusted one stays open: nothing comes for it until the plan changes
            for (JsonNode message = socket.next(Duration.ofMillis(500)); message != null;
                    message = socket.next(Duration.ofMillis(500))) {
                assertThat(message.path("id").asString()).as(message.toString()).isEqualTo("own");
            }
        }
    }

    @Test
    void staffSendTheirOwnDocumentsWhenOnlyPatientsAreHeldToTrustedOnes() {
        assertPasses(graphql.post(ADMIN, "{ neighbourhoodLeads(first: 1) { edges { node { id } } } }"));
    }

    @Test
    void aRequestThatRunsPastTheTimeoutIsCancelledAndDoesNoMoreWork() throws Exception {
        String neighbourhood = "Timeout " + UUID.randomUUID();
        String lead = "registerNeighbourhoodLead(input: {name: \"%s\", role: \"Coordinator\", organisation: \"Y01234\","
                + " neighbourhood: \"" + neighbourhood + "\", caseloadLimit: 10}) { lead { id } }";
        String twoLeads = "mutation { first: " + lead.formatted("First") + " second: " + lead.formatted("Second") + " }";

        commands.delayEachBy(Duration.ofMillis(1_500));
        Response response;
        try {
            response = graphql.postAccepting(ErrorCodesTest.GRAPHQL_RESPONSE, ADMIN, twoLeads, Map.of());
        } finally {
            commands.delayEachBy(Duration.ZERO);
        }
        Thread.sleep(1_500);

        assertRefused(response, "TIMEOUT", "longer than 1 s");
        assertThat(response.status()).as("no data under application/graphql-response+json").isEqualTo(503);
        Response registered = graphql.post(ADMIN, "query($n: String) { neighbourhoodLeads(neighbourhood: $n) {"
                + " edges { node { name } } } }", Map.of("n", neighbourhood));
        assertThat(registered.body().at("/data/neighbourhoodLeads/edges").findValuesAsString("name"))
                .doesNotContain("Second");
    }

    private static String persisted(String hash, String query) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return JsonMapper.builder().build().writeValueAsString(body);
    }
}
