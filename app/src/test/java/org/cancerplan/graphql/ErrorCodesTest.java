package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.GraphQLError;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every GraphQL error carries a stable {@code extensions.code} beside its {@code classification}, and the HTTP status
 * follows the GraphQL-over-HTTP specification: always 200 under {@code application/json}; under
 * {@code application/graphql-response+json} 200 when there is data, otherwise a 4xx or 5xx that fits the code.
 */
@Import(ErrorCodesTest.BrokenFields.class)
// each test spends from its own callers' budgets; only the rate-limit test empties one
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=true",
        "cancerplan.rate-limit.capacity=300", "cancerplan.rate-limit.restore-per-second=10" })
class ErrorCodesTest extends IsolatedStoreTest {

    static final String JSON = "application/json";
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private static final String CLINICIAN = IdentityProviders.staffToken("Error Codes", "R1H", "R8000");
    private static final String PATIENT = IdentityProviders.patientToken("9434765919");
    private static final String P5_PATIENT = IdentityProviders.patientToken("9434765919", "P5");

    @Autowired
    MeterRegistry meters;

    @Autowired
    SubscriptionErrorMapping subscriptionErrors;

    GraphQlHttp graphql;

    @BeforeEach
    void client() {
        graphql = new GraphQlHttp(port);
    }

    record Case(String name, String token, String query, Map<String, Object> variables, String code,
            String classification, int statusWithoutData) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> errors() {
        String patientByVariable = "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }";
        return Stream.of(
                new Case("a document that does not parse", CLINICIAN, "{ me { nhsNumber }", Map.of(),
                        "GRAPHQL_PARSE_FAILED", "InvalidSyntax", 400),
                new Case("a field the schema does not have", CLINICIAN, "{ me { nhsNumbr } }", Map.of(),
                        "GRAPHQL_VALIDATION_FAILED", "ValidationError", 400),
                new Case("a missing required argument", CLINICIAN, "{ patient { nhsNumber } }", Map.of(),
                        "GRAPHQL_VALIDATION_FAILED", "ValidationError", 400),
                new Case("a variable that is not an NHS number", CLINICIAN, patientByVariable,
                        Map.of("n", "9434765918"), "BAD_USER_INPUT", "ValidationError", 400),
                new Case("a required variable left out", CLINICIAN, patientByVariable, Map.of(), "BAD_USER_INPUT",
                        "ValidationError", 400),
                new Case("a literal that is not an NHS number", CLINICIAN,
                        "{ patient(nhsNumber: \"123\") { nhsNumber } }", Map.of(), "BAD_USER_INPUT", "ValidationError",
                        400),
                new Case("a limit refusal", CLINICIAN, "{ neighbourhoodLeads(first: 0) { edges { node { id } } } }",
                        Map.of(), "PAGE_SIZE_OUT_OF_RANGE", "BAD_REQUEST", 400),
                new Case("a caller without the privilege (data is present)", PATIENT,
                        "{ patient(nhsNumber: \"9434765919\") { nhsNumber } }", Map.of(), "FORBIDDEN", "FORBIDDEN",
                        200),
                new Case("a cursor the service did not give out (data is present)", CLINICIAN,
                        "{ neighbourhoodLeads(first: 1, after: \"not-a-cursor!\") { edges { node { id } } } }",
                        Map.of(), "BAD_USER_INPUT", "BAD_REQUEST", 200),
                new Case("a failure nobody foresaw (data is present)", PATIENT,
                        "{ broken: me { nhsNumber } }", Map.of(), "INTERNAL",
                        "INTERNAL_ERROR", 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void eachErrorHasItsCodeAndClassificationAndItsStatusDependsOnTheMediaType(Case error) {
        Response asJson = graphql.postAccepting(JSON, error.token(), error.query(), error.variables());
        Response asGraphQlResponse = graphql.postAccepting(GRAPHQL_RESPONSE, error.token(), error.query(),
                error.variables());

        for (Response response : new Response[] { asJson, asGraphQlResponse }) {
            assertThat(response.firstErrorCode()).as(response.body().toString()).isEqualTo(error.code());
            assertThat(response.firstErrorClassification()).as(response.body().toString())
                    .isEqualTo(error.classification());
            assertThat(response.body().toString()).doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("did you mean").doesNotContain(BrokenFields.SECRET);
        }
        assertThat(asJson.status()).isEqualTo(200);
        assertThat(asGraphQlResponse.status()).isEqualTo(error.statusWithoutData());
        assertThat(asGraphQlResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_RESPONSE);
    }

    @Test
    void badInputNamesTheArgumentItIsAbout() {
        Response response = graphql.post(CLINICIAN, "{ screeningUptake(programme: BOWEL, from: \"2026-03-01\","
                + " to: \"2026-01-01\") { gap } }");

        assertThat(response.firstErrorCode()).as(response.body().toString()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.body().at("/errors/0/extensions/argument").asString()).isEqualTo("to");
        assertThat(response.body().at("/errors/0/path/0").asString()).isEqualTo("screeningUptake");
        assertThat(response.body().at("/errors/0/message").asString()).contains("forwards");
    }

    @Test
    void aRateLimitedRequestIs429WithRetryAfterOnlyUnderGraphQlResponseJson() {
        String patient = IdentityProviders.patientToken(TestNhsNumbers.next());
        // about 210 points: the first fits the budget of 300, the next ones must wait (10 points come back a second)
        String expensive = "{ me { screeningInvitations(first: 70) { edges { node { id } } } } }";

        Response first = graphql.postAccepting(GRAPHQL_RESPONSE, patient, expensive, Map.of());
        Response limited = graphql.postAccepting(GRAPHQL_RESPONSE, patient, expensive, Map.of());
        Response limitedAsJson = graphql.postAccepting(JSON, patient, expensive, Map.of());

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(limited.firstErrorCode()).as(limited.body().toString()).isEqualTo("RATE_LIMITED");
        assertThat(limited.firstErrorClassification()).isEqualTo("RATE_LIMITED");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(limitedAsJson.firstErrorCode()).isEqualTo("RATE_LIMITED");
        assertThat(limitedAsJson.status()).isEqualTo(200);
        assertThat(limitedAsJson.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aMissingOrInvalidTokenIs401AndAGraphQlErrorForClientsThatAcceptOne() {
        String query = "{ me { nhsNumber } }";
        for (String token : new String[] { null, "not-a-token" }) {
            Response asJson = graphql.postAccepting(JSON, token, query, Map.of());
            Response asGraphQlResponse = graphql.postAccepting(GRAPHQL_RESPONSE, token, query, Map.of());

            assertThat(asJson.status()).isEqualTo(401);
            assertThat(asJson.body().isEmpty()).as(asJson.body().toString()).isTrue();
            assertThat(asGraphQlResponse.status()).isEqualTo(401);
            assertThat(asGraphQlResponse.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(asGraphQlResponse.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(GRAPHQL_RESPONSE);
            assertThat(asGraphQlResponse.firstErrorCode()).as(asGraphQlResponse.body().toString())
                    .isEqualTo("UNAUTHENTICATED");
            assertThat(asGraphQlResponse.body().has("data")).isFalse();
        }
    }

    @Test
    void errorsOverWebSocketCarryCodesToo() throws Exception {
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + P5_PATIENT)));
            assertThat(socket.next(Duration.ofSeconds(10)).get("type").asString()).isEqualTo("connection_ack");

            socket.send(Map.of("id", "forbidden", "type", "subscribe", "payload",
                    Map.of("query", "subscription { myCancerPlanChanged { id } }")));
            JsonNode forbidden = socket.next(Duration.ofSeconds(10));
            socket.send(Map.of("id", "misspelt", "type", "subscribe", "payload",
                    Map.of("query", "subscription { myCancerPlanChangd { id } }")));
            JsonNode misspelt = socket.next(Duration.ofSeconds(10));

            assertThat(forbidden.at("/payload/0/extensions/code").asString()).as(forbidden.toString())
                    .isEqualTo("FORBIDDEN");
            // a request error comes as a result ("next"), a refusal of the subscription as an "error" message
            assertThat(misspelt.at("/payload/errors/0/extensions/code").asString()).as(misspelt.toString())
                    .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        }
    }

    @Test
    void errorsInTheEventsOfASubscriptionCarryCodes() throws Exception {
        String nhsNumber = TestNhsNumbers.next();
        graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", List.of(Map.of(
                        "nhsNumber", nhsNumber, "givenName", "Event", "familyName", "Errors",
                        "dateOfBirth", "1955-05-05")))));
        String planId = graphql.post(CLINICIAN, Contract.operation("staff/CreatePlan"), Map.of("input", Map.of(
                "nhsNumber", nhsNumber, "referralReceivedOn", "2026-09-15", "diagnosis", Map.of("cancerTypeCode",
                        "C18.7", "stage", "2", "diagnosedOn", "2026-10-02")))).data("createCancerPlan/plan/id").asString();
        String update = "mutation($input: UpdateCancerPlanInput!) { updateCancerPlan(input: $input) { plan { id } } }";
        graphql.post(CLINICIAN, update, Map.of("input", Map.of("planId", planId, "expectedVersion", 1,
                "status", "ACTIVE")));

        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload",
                    Map.of("Authorization", "Bearer " + IdentityProviders.patientToken(nhsNumber))));
            assertThat(socket.next(Duration.ofSeconds(10)).get("type").asString()).isEqualTo("connection_ack");
            // a nullable field fails: the event comes with an error; a non-null one: the subscription ends
            socket.send(Map.of("id", "nullable", "type", "subscribe", "payload", Map.of("query",
                    "subscription { myCancerPlanChanged { id broken: acknowledgedAt } }")));
            socket.send(Map.of("id", "nonNull", "type", "subscribe", "payload", Map.of("query",
                    "subscription { myCancerPlanChanged { broken: id } }")));
            Thread.sleep(300); // let the subscriptions start before the change
            graphql.post(CLINICIAN, update, Map.of("input", Map.of("planId", planId, "expectedVersion", 2,
                    "status", "COMPLETED")));
            Map<String, JsonNode> messages = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                JsonNode message = socket.next(Duration.ofSeconds(10));
                messages.put(message.get("id").asString(), message);
            }

            JsonNode event = messages.get("nullable");
            JsonNode ended = messages.get("nonNull");
            assertThat(event.get("type").asString()).as(event.toString()).isEqualTo("next");
            assertThat(event.at("/payload/data/myCancerPlanChanged/id").asString()).isEqualTo(planId);
            assertThat(event.at("/payload/errors/0/extensions/code").asString()).as(event.toString())
                    .isEqualTo("INTERNAL");
            assertThat(ended.get("type").asString()).as(ended.toString()).isEqualTo("error");
            assertThat(ended.at("/payload/0/extensions/code").asString()).as(ended.toString()).isEqualTo("INTERNAL");
            assertThat(messages.values().toString()).doesNotContain(BrokenFields.SECRET)
                    .doesNotContainIgnoringCase("exception");
        }
    }

    @Test
    void failuresInsideASubscriptionStreamGetTheSameCodesAsInAQuery() {
        GraphQLError badInput = subscriptionErrors.resolveException(new BadInputException("after", "Not a cursor"))
                .block().get(0);
        GraphQLError refused = subscriptionErrors.resolveException(new AccessDeniedException("Not yours")).block()
                .get(0);

        assertThat(badInput.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("argument",
                "after");
        assertThat(refused.getExtensions()).containsEntry("code", "FORBIDDEN");
    }

    @Test
    void requestsAreCountedByTheirErrorCode() {
        graphql.post(CLINICIAN, "query Misspelt { me { nhsNumbr } }");
        graphql.post(PATIENT, "query Broken { broken: me { nhsNumber } }");

        assertThat(meters.find(OperationMetrics.METER).tag("outcome", "GRAPHQL_VALIDATION_FAILED").counter())
                .isNotNull();
        assertThat(meters.find(OperationMetrics.METER).tag("operation", "Broken")
                .tag("outcome", "INTERNAL").counter()).isNotNull();
    }

    /** Makes every field aliased {@value #ALIAS} fail as a bug would, with a detail no client should see. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenFields {

        static final String ALIAS = "broken";
        static final String SECRET = "secret-detail-of-the-failure";

        @Bean
        Instrumentation failsFieldsAliasedBroken() {
            return new SimplePerformantInstrumentation() {
                @Override
                public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
                        InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
                    return environment -> {
                        if (ALIAS.equals(environment.getField().getAlias())) {
                            throw new IllegalStateException(SECRET);
                        }
                        return dataFetcher.get(environment);
                    };
                }
            };
        }
    }
}
