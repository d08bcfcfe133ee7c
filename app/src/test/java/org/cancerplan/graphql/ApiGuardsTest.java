package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.graphql.RequestLimitsTest.assertPasses;
import static org.cancerplan.graphql.RequestLimitsTest.assertRefused;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.MongoCommands;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guards the shared test service has switched off: rate limits, trusted documents and
 * a short timeout.
 */
@Import(MongoCommands.class)
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=patients",
        "cancerplan.rate-limit.enabled=true", "cancerplan.rate-limit.capacity=400",
        "cancerplan.rate-limit.restore-per-second=50", "cancerplan.graphql.limits.timeout=1s" })
class ApiGuardsTest extends IsolatedStoreTest {

    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");

    private static final String MY_CARE = "patient-app/MyCare";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final ParameterizedTypeReference<Map<String, Object>> RESPONSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    MongoCommands commands;

    @Test
    void aBurstIsRefusedWithRetryAfterAndServedAgainOnceTheBudgetIsBack() throws Exception {
        String patient = IdentityProviders.patientToken(TestNhsNumbers.next());

        // MyCare costs 173 points (10 invitations): two fit in a budget of 400, then the
        // budget runs dry however
        // slowly this machine answers (50 points come back per second)
        Response first = as(patient).documentName(MY_CARE).execute();
        Response second = as(patient).documentName(MY_CARE).execute();
        // the refusal's Retry-After header is what is checked: plain HTTP (the GraphQL
        // tester shows no headers)
        EntityExchangeResult<JsonNode> refused = null;
        for (int i = 0; i < 10 && (refused == null || code(refused.getResponseBody()).isEmpty()); i++) {
            refused = http.post()
                .headers(headers -> headers.setBearerAuth(patient))
                .bodyValue(Map.of("query", Contract.operation(MY_CARE), "variables", Map.of()))
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult();
        }
        Response otherPatient = as(IdentityProviders.patientToken(TestNhsNumbers.next())).documentName(MY_CARE)
            .execute();

        assertPasses(first);
        assertPasses(second);
        first.path("$.extensions.cost.requestedQueryCost")
            .entity(Integer.class)
            .isEqualTo(173)
            .path("$.extensions.cost.throttleStatus.maximumAvailable")
            .entity(Integer.class)
            .isEqualTo(400)
            .path("$.extensions.cost.throttleStatus.currentlyAvailable")
            .entity(Integer.class)
            .satisfies(available -> assertThat(available).isBetween(227, 400))
            .path("$.extensions.cost.throttleStatus.restoreRate")
            .entity(Integer.class)
            .isEqualTo(50);
        JsonNode refusal = refused.getResponseBody();
        assertThat(code(refusal)).isEqualTo("RATE_LIMITED");
        assertThat(refusal.at("/errors/0/message").asString()).contains("retry after");
        assertThat(refusal.at("/data").isMissingNode() || refusal.at("/data").isNull()).isTrue();
        assertThat(refused.getStatus().value()).isLessThan(500);
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 4L);
        assertThat(refusal.at("/errors/0/extensions/retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertPasses(otherPatient);

        Thread.sleep(retryAfter * 1_000);
        assertPasses(as(patient).documentName(MY_CARE).execute());
    }

    @Test
    void patientsMayRunOnlyTrustedDocumentsSentInFullOrByHash() {
        String patient = IdentityProviders.patientToken("9434765919");
        String myCare = Contract.operation(MY_CARE);
        String hash = TrustedDocuments.sha256(myCare);

        Response inFull = as(patient).document(myCare).execute(); // the tester takes only
                                                                  // a 200 answer
        Response edited = as(patient).document(myCare.replace("givenName", "givenName\n")).execute();
        Response ownQuery = as(patient).document("{ me { nhsNumber } }").execute();
        // a hash without the document, and the status under
        // application/graphql-response+json: plain HTTP
        Map<String, Object> byHash = postJson(patient, persisted(hash, null)).expectBody(RESPONSE)
            .returnResult()
            .getResponseBody();
        BodyContentSpec unknownHash = postJson(patient, persisted("0".repeat(64), null)).expectBody();
        BodyContentSpec mismatch = postJson(patient, persisted(hash, "{ me { nhsNumber } }")).expectBody();
        BodyContentSpec ownQueryStrictly = http.post().headers(headers -> {
            headers.setBearerAuth(patient);
            headers.set(HttpHeaders.ACCEPT, ErrorCodesTest.GRAPHQL_RESPONSE);
        })
            .bodyValue(Map.of("query", "{ me { nhsNumber } }", "variables", Map.of()))
            .exchange()
            .expectStatus()
            .isForbidden()
            .expectBody();

        assertPasses(inFull);
        assertThat((List<?>) byHash.getOrDefault("errors", List.of())).isEmpty();
        assertThat(byHash.get("data")).isEqualTo(inFull.returnResponse().<Object>getData());
        assertRefused(edited, "UNTRUSTED_DOCUMENT", "published clients");
        assertRefused(ownQuery, "UNTRUSTED_DOCUMENT", "published clients");
        assertRefusedOverHttp(unknownHash, "UNTRUSTED_DOCUMENT", "sha256Hash");
        assertRefusedOverHttp(mismatch, "UNTRUSTED_DOCUMENT", "sha256Hash");
        assertRefusedOverHttp(ownQueryStrictly, "UNTRUSTED_DOCUMENT", "published clients");
    }

    @Test
    void overWebSocketAPatientMaySubscribeOnlyWithTheAppsOwnSubscription() throws Exception {
        String trusted = Files.readString(Path.of("../schema/src/main/client/patient-app/MyCancerPlanChanged.graphql"));
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, IdentityProviders.patientToken("9434765919"));
        try {
            socket.start().block(WAIT);

            StepVerifier
                .create(socket.document("subscription { myCancerPlanChanged { id } }").executeSubscription().toFlux())
                .assertNext(refused -> assertThat(firstError(refused).getExtensions()).containsEntry("code",
                        "UNTRUSTED_DOCUMENT"))
                .verifyComplete();
            // the refused one is completed; the trusted one stays open: nothing comes for
            // it until the plan changes
            GraphQlTesters.assertStaysOpen(socket.document(trusted).executeSubscription());
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void staffSendTheirOwnDocumentsWhenOnlyPatientsAreHeldToTrustedOnes() {
        assertPasses(as(ADMIN).document("{ neighbourhoodLeads(first: 1) { edges { node { id } } } }").execute());
    }

    @Test
    void aRequestThatRunsPastTheTimeoutIsCancelledAndDoesNoMoreWork() throws Exception {
        String neighbourhood = "Timeout " + UUID.randomUUID();
        String lead = "registerNeighbourhoodLead(input: {name: \"%s\", role: \"Coordinator\", organisation: \"Y01234\","
                + " neighbourhood: \"" + neighbourhood + "\", caseloadLimit: 10}) { lead { id } }";
        String twoLeads = "mutation { first: " + lead.formatted("First") + " second: " + lead.formatted("Second")
                + " }";

        commands.delayEachBy(Duration.ofMillis(1_500));
        BodyContentSpec response;
        try {
            // "no data under application/graphql-response+json" is a 503: plain HTTP, as
            // the tester takes only a 200
            response = http.post().headers(headers -> {
                headers.setBearerAuth(ADMIN);
                headers.set(HttpHeaders.ACCEPT, ErrorCodesTest.GRAPHQL_RESPONSE);
            })
                .bodyValue(Map.of("query", twoLeads, "variables", Map.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody();
        }
        finally {
            commands.delayEachBy(Duration.ZERO);
        }
        Thread.sleep(1_500);

        assertRefusedOverHttp(response, "TIMEOUT", "longer than 1 s");
        as(ADMIN).document("query($n: String) { neighbourhoodLeads(neighbourhood: $n) { edges { node { name } } } }")
            .variable("n", neighbourhood)
            .execute()
            .path("neighbourhoodLeads.edges[*].node.name")
            .entityList(String.class)
            .doesNotContain("Second");
    }

    /**
     * A request of the patient app sent as JSON text, e.g. a persisted-query hash without
     * its document.
     */
    private ResponseSpec postJson(String token, String json) {
        return http.post()
            .headers(headers -> headers.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange();
    }

    /** As {@link RequestLimitsTest#assertRefused}, for an answer read over plain HTTP. */
    private static void assertRefusedOverHttp(BodyContentSpec response, String code, String messagePart) {
        response.jsonPath("$.errors[0].extensions.code")
            .isEqualTo(code)
            .jsonPath("$.errors[0].message")
            .value(String.class, message -> assertThat(message).contains(messagePart))
            .jsonPath("$.data")
            .doesNotExist();
    }

    private static String code(JsonNode body) {
        return body.at("/errors/0/extensions/code").asString("");
    }

    private static String persisted(String hash, String query) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return JsonMapper.builder().build().writeValueAsString(body);
    }

}
