package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;
import static org.cancerplan.support.GraphQlResponses.subscriptionEndedWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Every GraphQL error carries a stable {@code extensions.code} beside its
 * {@code classification}, and the HTTP status follows the GraphQL-over-HTTP
 * specification: always 200 under {@code application/json}; under
 * {@code application/graphql-response+json} 200 when there is data, otherwise a 4xx or
 * 5xx that fits the code.
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

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    MeterRegistry meters;

    @Autowired
    SubscriptionErrorMapping subscriptionErrors;

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
                new Case("a failure nobody foresaw (data is present)", PATIENT, "{ broken: me { nhsNumber } }",
                        Map.of(), "INTERNAL", "INTERNAL_ERROR", 200));
    }

    /**
     * Statuses by media type are the subject here, so plain HTTP: the GraphQL tester
     * takes only a 200.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void eachErrorHasItsCodeAndClassificationAndItsStatusDependsOnTheMediaType(Case error) {
        BodyContentSpec asJson = post(JSON, error.token(), error.query(), error.variables()).expectStatus()
            .isEqualTo(200)
            .expectBody();
        BodyContentSpec asGraphQlResponse = post(GRAPHQL_RESPONSE, error.token(), error.query(), error.variables())
            .expectStatus()
            .isEqualTo(error.statusWithoutData())
            .expectHeader()
            .contentTypeCompatibleWith(GRAPHQL_RESPONSE)
            .expectBody();

        for (BodyContentSpec response : List.of(asJson, asGraphQlResponse)) {
            response.jsonPath("$.errors[0].extensions.code")
                .isEqualTo(error.code())
                .jsonPath("$.errors[0].extensions.classification")
                .isEqualTo(error.classification())
                .consumeWith(body -> assertThat(new String(body.getResponseBodyContent(), StandardCharsets.UTF_8))
                    .doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("did you mean")
                    .doesNotContain(BrokenFields.SECRET));
        }
    }

    @Test
    void badInputNamesTheArgumentItIsAbout() {
        Response response = as(CLINICIAN)
            .document("{ screeningUptake(programme: BOWEL, from: \"2026-03-01\"," + " to: \"2026-01-01\") { gap } }")
            .execute();

        ResponseError error = firstError(response);
        assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("argument", "to");
        assertThat(error.getParsedPath()).first().isEqualTo("screeningUptake");
        assertThat(error.getMessage()).contains("forwards");
    }

    @Test
    void aRateLimitedRequestIs429WithRetryAfterOnlyUnderGraphQlResponseJson() {
        String patient = IdentityProviders.patientToken(TestNhsNumbers.next());
        // about 210 points: the first fits the budget of 300, the next ones must wait (10
        // points come back a second)
        String expensive = "{ me { screeningInvitations(first: 70) { edges { node { id } } } } }";

        ResponseSpec first = post(GRAPHQL_RESPONSE, patient, expensive, Map.of());
        ResponseSpec limited = post(GRAPHQL_RESPONSE, patient, expensive, Map.of());
        ResponseSpec limitedAsJson = post(JSON, patient, expensive, Map.of());

        first.expectStatus().isEqualTo(200);
        limited.expectStatus()
            .isEqualTo(429)
            .expectHeader()
            .value(HttpHeaders.RETRY_AFTER, retryAfter -> assertThat(Long.parseLong(retryAfter)).isPositive())
            .expectBody()
            .jsonPath("$.errors[0].extensions.code")
            .isEqualTo("RATE_LIMITED")
            .jsonPath("$.errors[0].extensions.classification")
            .isEqualTo("RATE_LIMITED");
        limitedAsJson.expectStatus()
            .isEqualTo(200)
            .expectHeader()
            .exists(HttpHeaders.RETRY_AFTER)
            .expectBody()
            .jsonPath("$.errors[0].extensions.code")
            .isEqualTo("RATE_LIMITED");
    }

    @Test
    void aMissingOrInvalidTokenIs401AndAGraphQlErrorForClientsThatAcceptOne() {
        String query = "{ me { nhsNumber } }";
        for (String token : new String[] { null, "not-a-token" }) {
            post(JSON, token, query, Map.of()).expectStatus().isUnauthorized().expectBody().isEmpty();
            post(GRAPHQL_RESPONSE, token, query, Map.of()).expectStatus()
                .isUnauthorized()
                .expectHeader()
                .value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader()
                .contentTypeCompatibleWith(GRAPHQL_RESPONSE)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.data")
                .doesNotHaveJsonPath();
        }
    }

    @Test
    void errorsOverWebSocketCarryCodesToo() {
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, P5_PATIENT);
        try {
            socket.start().block(WAIT);

            StepVerifier
                .create(socket.document("subscription { myCancerPlanChanged { id } }").executeSubscription().toFlux())
                .expectErrorSatisfies(subscriptionEndedWith("FORBIDDEN"))
                .verify(WAIT);
            // a request error comes as a result ("next"), a refusal of the subscription
            // as an "error" message
            StepVerifier
                .create(socket.document("subscription { myCancerPlanChangd { id } }").executeSubscription().toFlux())
                .assertNext(result -> assertThat(firstError(result).getExtensions()).containsEntry("code",
                        "GRAPHQL_VALIDATION_FAILED"))
                .thenCancel()
                .verify(WAIT);
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void errorsInTheEventsOfASubscriptionCarryCodes() throws Exception {
        String nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Event", "familyName", "Errors",
                                    "dateOfBirth", "1955-05-05"))))
            .execute();
        String planId = as(CLINICIAN).documentName("staff/CreatePlan")
            .variable("input",
                    Map.of("nhsNumber", nhsNumber, "referralReceivedOn", "2026-09-15", "diagnosis",
                            Map.of("cancerTypeCode", "C18.7", "stage", "2", "diagnosedOn", "2026-10-02")))
            .execute()
            .path("createCancerPlan.plan.id")
            .entity(String.class)
            .get();
        String update = "mutation($input: UpdateCancerPlanInput!) { updateCancerPlan(input: $input) { plan { id } } }";
        as(CLINICIAN).document(update)
            .variable("input", Map.of("planId", planId, "expectedVersion", 1, "status", "ACTIVE"))
            .execute();
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, IdentityProviders.patientToken(nhsNumber));

        try {
            socket.start().block(WAIT);
            // a nullable field fails: the event comes with an error; a non-null one: the
            // subscription ends
            Flux<Response> nullable = socket
                .document("subscription { myCancerPlanChanged { id broken: acknowledgedAt } }")
                .executeSubscription()
                .toFlux()
                .replay()
                .autoConnect(0);
            Flux<Response> nonNull = socket.document("subscription { myCancerPlanChanged { broken: id } }")
                .executeSubscription()
                .toFlux()
                .replay()
                .autoConnect(0);
            Thread.sleep(300); // let the subscriptions start before the change
            as(CLINICIAN).document(update)
                .variable("input", Map.of("planId", planId, "expectedVersion", 2, "status", "COMPLETED"))
                .execute();
            List<String> messages = new ArrayList<>();

            StepVerifier.create(nullable).assertNext(event -> {
                messages.add(json(event));
                assertThat(firstError(event).getExtensions()).containsEntry("code", "INTERNAL");
                event.path("myCancerPlanChanged.id").entity(String.class).isEqualTo(planId);
            }).thenCancel().verify(WAIT);
            StepVerifier.create(nonNull)
                .expectErrorSatisfies(
                        subscriptionEndedWith("INTERNAL").andThen(ended -> messages.add(ended.getMessage())))
                .verify(WAIT);
            assertThat(messages.toString()).doesNotContain(BrokenFields.SECRET).doesNotContainIgnoringCase("exception");
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void failuresInsideASubscriptionStreamGetTheSameCodesAsInAQuery() {
        GraphQLError badInput = subscriptionErrors.resolveException(new BadInputException("after", "Not a cursor"))
            .block()
            .get(0);
        GraphQLError refused = subscriptionErrors.resolveException(new AccessDeniedException("Not yours"))
            .block()
            .get(0);

        assertThat(badInput.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("argument", "after");
        assertThat(refused.getExtensions()).containsEntry("code", "FORBIDDEN");
    }

    @Test
    void requestsAreCountedByTheirErrorCode() {
        as(CLINICIAN).document("query Misspelt { me { nhsNumbr } }").execute();
        as(PATIENT).document("query Broken { broken: me { nhsNumber } }").execute();

        assertThat(meters.find(OperationMetrics.METER).tag("outcome", "GRAPHQL_VALIDATION_FAILED").counter())
            .isNotNull();
        assertThat(meters.find(OperationMetrics.METER).tag("operation", "Broken").tag("outcome", "INTERNAL").counter())
            .isNotNull();
    }

    /** Plain HTTP to the GraphQL endpoint, asking for the media type (null: no token). */
    private ResponseSpec post(String accept, String token, String query, Map<String, Object> variables) {
        return http.post().headers(headers -> {
            headers.set(HttpHeaders.ACCEPT, accept);
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).bodyValue(Map.of("query", query, "variables", variables)).exchange();
    }

    /**
     * Makes every field aliased {@value #ALIAS} fail as a bug would, with a detail no
     * client should see.
     */
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
