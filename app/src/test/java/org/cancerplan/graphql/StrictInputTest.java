package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.graphql.RequestLimitsTest.assertPasses;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input is taken as sent or refused, never quietly changed: days that do not exist,
 * bodies over the size limit, variables the operation does not declare; text limits count
 * characters as people see them.
 */
class StrictInputTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String ORGANISATION = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);

    private static final String STAFF = IdentityProviders.staffToken("Dr Strict", ORGANISATION, "R8000");

    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");

    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write");

    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    private static final String REGISTER = "integration/RegisterPatients";

    private static final String WAITING_TIMES = "staff/WaitingTimes";

    private static final String RESPOND = "patient-app/RespondToInvitation";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16
                                                        // units, four UTF-8 bytes

    // ---- dates ----

    @ParameterizedTest
    @ValueSource(strings = { "2026-09-31", "1961-02-30", "2026-02-29" })
    void aDayThatDoesNotExistIsRefusedAsAVariableNamingTheVariable(String day) {
        Response topLevel = as(STAFF).documentName(WAITING_TIMES)
            .variables(Map.of("from", day, "to", "2026-11-30"))
            .execute();
        Response nested = as(FEED).documentName(REGISTER)
            .variable("input", Map.of("patients", List.of(patient(TestNhsNumbers.next(), day))))
            .execute();

        assertNotADate(topLevel, "Variable 'from'", day);
        assertNotADate(nested, "Variable 'input'", day);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-09-31", "1961-02-30", "2026-02-29" })
    void aDayThatDoesNotExistIsRefusedAsALiteralNamingTheArgument(String day) {
        Response topLevel = as(STAFF)
            .document(
                    "{ waitingTimes(from: \"" + day + "\", to: \"2026-11-30\") {" + " fasterDiagnosis { measured } } }")
            .execute();
        Response nested = as(FEED)
            .document("mutation { registerPatients(input: {patients: [{nhsNumber: \"" + TestNhsNumbers.next()
                    + "\", givenName: \"Ada\", familyName: \"Strict\", dateOfBirth: \"" + day
                    + "\"}]}) { registered } }")
            .execute();

        assertNotADate(topLevel, "'from'", day);
        assertNotADate(nested, "'input.patients[0].dateOfBirth'", day);
    }

    @ParameterizedTest
    @ValueSource(strings = { "+999999999-12-31", "10000-01-01", "-0001-01-01", "26-01-01", "2026-1-01" })
    void aDateIsAFourDigitYearAndTwoDigitMonthAndDay(String notYyyyMmDd) {
        Response refused = as(STAFF).documentName(WAITING_TIMES)
            .variables(Map.of("from", notYyyyMmDd, "to", "2026-11-30"))
            .execute();

        assertNotADate(refused, "Variable 'from'", notYyyyMmDd);
    }

    @Test
    void aTimeOnADayThatDoesNotExistIsRefused() {
        String instant = "2026-02-30T10:00:00Z";

        Response variable = as(PATIENT).documentName(RESPOND)
            .variable("input", Map.of("invitationId", "any", "response", "BOOK", "appointmentAt", instant))
            .execute();
        Response literal = as(PATIENT)
            .document("mutation { respondToScreeningInvitation(input: {invitationId: \"any\","
                    + " response: BOOK, appointmentAt: \"" + instant + "\"}) { errors { code } } }")
            .execute();

        assertNotADate(variable, "Variable 'input'", instant);
        assertNotADate(literal, "'input.appointmentAt'", instant);
    }

    @Test
    void realDaysAtTheEndsOfMonthsAreTakenAsSent() {
        String nhsNumber = TestNhsNumbers.next();

        Response leapDay = as(FEED).documentName(REGISTER)
            .variable("input", Map.of("patients", List.of(patient(nhsNumber, "1960-02-29"))))
            .execute();
        Response endOfSeptember = as(STAFF).documentName(WAITING_TIMES)
            .variables(Map.of("from", "2026-09-30", "to", "2026-10-31"))
            .execute();

        assertPasses(leapDay);
        leapDay.path("registerPatients.registered").entity(Integer.class).isEqualTo(1);
        as(STAFF).document("query($n: NhsNumber!) { patient(nhsNumber: $n) { dateOfBirth } }")
            .variable("n", nhsNumber)
            .execute()
            .path("patient.dateOfBirth")
            .entity(String.class)
            .isEqualTo("1960-02-29");
        assertPasses(endOfSeptember);
    }

    // ---- request body size ----

    @Test
    void aBodyOfTheLimitIsServedAndOneByteMoreIsRefusedWith413BeforeItIsParsed() {
        String atLimit = bodyOf(64 * 1024);

        ResponseSpec served = postJson(PATIENT, atLimit);
        ResponseSpec overLimit = postJson(PATIENT, atLimit + " ");
        ResponseSpec notEvenJson = postJson(PATIENT, "x".repeat(64 * 1024 + 1));

        served.expectBody().jsonPath("$.errors").doesNotExist().jsonPath("$.data.__typename").isEqualTo("Query");
        for (ResponseSpec refused : List.of(overLimit, notEvenJson)) {
            refused.expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("REQUEST_TOO_LARGE")
                .jsonPath("$.errors[0].message")
                .value(String.class, message -> assertThat(message).contains("65536 bytes"))
                .jsonPath("$.data")
                .doesNotHaveJsonPath();
        }
    }

    @Test
    void aChunkedBodyIsCountedAsItArrives() throws Exception {
        String atLimit = bodyOf(64 * 1024);

        HttpResponse<String> served = postChunked(PATIENT, atLimit.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> overLimit = postChunked(PATIENT, (atLimit + " ").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> megabytes = postChunked(PATIENT, variablesOf(2 * 1024 * 1024));

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(served.body()).at("/data/__typename").asString()).isEqualTo("Query");
        for (HttpResponse<String> refused : List.of(overLimit, megabytes)) {
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(refused.body()).at("/errors/0/extensions/code").asString())
                .isEqualTo("REQUEST_TOO_LARGE");
        }
    }

    @Test
    void megabytesOfVariablesAreRefusedUnreadAndNothingIsAnswered() {
        postJson(PATIENT, new String(variablesOf(3 * 1024 * 1024), StandardCharsets.UTF_8)).expectStatus()
            .isEqualTo(413)
            .expectBody()
            .jsonPath("$.errors[0].extensions.code")
            .isEqualTo("REQUEST_TOO_LARGE")
            .jsonPath("$.data")
            .doesNotHaveJsonPath();
    }

    @Test
    void integrationsMaySendTheirLargerBatchesUpToTheirOwnLimit() {
        String atLimit = bodyOf(512 * 1024);

        ResponseSpec batchSized = postJson(FEED, atLimit);
        ResponseSpec overLimit = postJson(FEED, atLimit + " ");
        ResponseSpec patientSendingAsMuch = postJson(PATIENT, atLimit);

        batchSized.expectBody().jsonPath("$.errors").doesNotExist();
        overLimit.expectStatus()
            .isEqualTo(413)
            .expectBody()
            .jsonPath("$.errors[0].message")
            .value(String.class, message -> assertThat(message).contains("524288 bytes"));
        patientSendingAsMuch.expectStatus().isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT", "PATCH", "DELETE" })
    void aFormBodySentWithAnotherMethodIsHeldToTheSameLimit(String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Bearer " + PATIENT)
            .method(method, HttpRequest.BodyPublishers.ofString("query=" + "x".repeat(1024 * 1024)))
            .build();

        HttpResponse<String> refused = HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).as(method).isEqualTo(413);
    }

    @Test
    void aLargeBodyWithoutAValidTokenIsRefusedAs401() {
        postJson(null, "x".repeat(100 * 1024)).expectStatus().isUnauthorized();
    }

    // ---- undeclared variables ----

    @Test
    void variablesTheOperationDoesNotDeclareAreRefusedByName() {
        Response none = as(PATIENT).document("{ me { nhsNumber } }")
            .variables(Map.of("stray", 1, "other", "x"))
            .execute();
        Response some = as(STAFF).documentName(WAITING_TIMES)
            .variables(Map.of("from", "2026-10-01", "to", "2026-10-31", "organisation", ORGANISATION, "organization",
                    ORGANISATION))
            .execute();

        assertUndeclared(none, "other, stray");
        assertUndeclared(some, "organization");
        assertThat(firstError(some).getMessage()).doesNotContain("from");
    }

    @Test
    void aPersistedQueryTakesItsDeclaredVariablesOnly() {
        String nhsNumber = TestNhsNumbers.next();
        as(FEED).documentName(REGISTER)
            .variable("input", Map.of("patients", List.of(patient(nhsNumber, "1950-01-01"))))
            .execute();
        String patient = IdentityProviders.patientToken(nhsNumber);
        String hash = TrustedDocuments.sha256(Contract.operation("patient-app/MyAccessLog"));

        // a hash without the document: plain HTTP, the GraphQL tester sends a document
        // with each request
        JsonNode declared = postJson(patient, persisted(hash, Map.of("first", 5))).expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();
        JsonNode undeclared = postJson(patient, persisted(hash, Map.of("first", 5, "last", 5)))
            .expectBody(JsonNode.class)
            .returnResult()
            .getResponseBody();

        assertThat(declared.path("errors").isEmpty()).as(declared.toString()).isTrue();
        assertThat(declared.at("/data/me/accessLog/edges").isArray()).isTrue();
        assertThat(undeclared.at("/errors/0/extensions/code").asString()).as(undeclared.toString())
            .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(undeclared.at("/errors/0/message").asString()).endsWith("no variable named last");
        assertThat(undeclared.at("/data").isMissingNode() || undeclared.at("/data").isNull()).isTrue();
        assertThat(undeclared.at("/extensions/cost").isMissingNode()).as("refused before it is costed").isTrue();
    }

    @Test
    void aSubscriptionTakesItsDeclaredVariablesOnly() {
        String subscription = "subscription { myCancerPlanChanged { id } }";
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, PATIENT);
        try {
            socket.start().block(WAIT);

            StepVerifier.create(socket.document(subscription).variable("stray", true).executeSubscription().toFlux())
                .assertNext(refused -> {
                    ResponseError error = firstError(refused);
                    assertThat(refused.returnResponse().<Object>getData()).isNull();
                    assertThat(error.getMessage()).endsWith("no variable named stray");
                    assertThat(error.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
                })
                .thenCancel()
                .verify(WAIT);
            // the other stays open: nothing comes for it until the plan changes
            GraphQlTesters.assertStaysOpen(socket.document(subscription).executeSubscription());
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    // ---- text length ----

    @Test
    void aNameCountsEachEmojiAsOneCharacter() {
        String hundred = EMOJI.repeat(100);

        Response registered = as(FEED).documentName(REGISTER)
            .variable("input",
                    Map.of("patients",
                            List.of(withName(patient(TestNhsNumbers.next(), "1950-01-01"), hundred),
                                    withName(patient(TestNhsNumbers.next(), "1950-01-01"), hundred + EMOJI))))
            .execute();
        Response lead = registerLead(hundred);
        Response longerLead = registerLead(hundred + EMOJI);

        registered.path("registerPatients.registered").entity(Integer.class).isEqualTo(1);
        registered.path("registerPatients.errors[0].field").entity(String.class).isEqualTo("patients[1].givenName");
        lead.path("registerNeighbourhoodLead.errors").entityList(Object.class).hasSize(0);
        lead.path("registerNeighbourhoodLead.lead.name").entity(String.class).isEqualTo(hundred);
        longerLead.path("registerNeighbourhoodLead.errors[0].code").entity(String.class).isEqualTo("INVALID_TEXT");
    }

    @Test
    void planTextAndAHandoverReasonCountEachEmojiAsOneCharacter() {
        String nhsNumber = TestNhsNumbers.next();
        as(FEED).documentName(REGISTER)
            .variable("input", Map.of("patients", List.of(patient(nhsNumber, "1950-01-01"))))
            .execute();
        String planId = createPlan(nhsNumber);
        String leadId = registerLead("Emoji Lead").path("registerNeighbourhoodLead.lead.id").entity(String.class).get();

        Response tooLong = updateNeeds(planId, 1, EMOJI.repeat(501));
        Response threeHundred = updateNeeds(planId, 1, EMOJI.repeat(300));
        Response longReason = assign(planId, 2, leadId, EMOJI.repeat(501));
        Response reason = assign(planId, 2, leadId, EMOJI.repeat(500));

        tooLong.path("updateCancerPlan.errors[0].code").entity(String.class).isEqualTo("TOO_LONG");
        threeHundred.path("updateCancerPlan.errors").entityList(Object.class).hasSize(0);
        threeHundred.path("updateCancerPlan.plan.needs[0].concern").entity(String.class).isEqualTo(EMOJI.repeat(300));
        longReason.path("assignNeighbourhoodLead.errors[0].code").entity(String.class).isEqualTo("TOO_LONG");
        reason.path("assignNeighbourhoodLead.errors").entityList(Object.class).hasSize(0);
        reason.path("assignNeighbourhoodLead.plan.neighbourhoodLead.lead.id").entity(String.class).isEqualTo(leadId);
    }

    @Test
    void anAppointmentLocationCountsEachEmojiAsOneCharacter() {
        String nhsNumber = TestNhsNumbers.next();
        as(FEED).documentName(REGISTER)
            .variable("input", Map.of("patients", List.of(patient(nhsNumber, "1960-01-01"))))
            .execute();
        LocalDate today = LocalDate.now();
        Response issued = as(FEED).documentName("integration/IssueInvitations")
            .variable("input",
                    Map.of("invitations",
                            List.of(Map.of("externalId", "STRICT-" + nhsNumber, "nhsNumber", nhsNumber, "programme",
                                    "BREAST", "invitedOn", today.toString(), "respondBy", today.plusDays(60).toString(),
                                    "selfReferral", true))))
            .execute();
        issued.path("issueScreeningInvitations.issued").entity(Integer.class).isEqualTo(1);
        String patient = IdentityProviders.patientToken(nhsNumber);
        String invitationId = as(patient)
            .document("{ me { screeningInvitations(first: 1) { edges { node { id } } } } }")
            .execute()
            .path("me.screeningInvitations.edges[0].node.id")
            .entity(String.class)
            .get();
        String at = today.plusDays(7) + "T09:30:00Z";

        Response tooLong = book(patient, invitationId, at, EMOJI.repeat(201));
        Response booked = book(patient, invitationId, at, EMOJI.repeat(200));

        tooLong.path("respondToScreeningInvitation.errors[0].code").entity(String.class).isEqualTo("TOO_LONG");
        booked.path("respondToScreeningInvitation.errors").entityList(Object.class).hasSize(0);
        booked.path("respondToScreeningInvitation.invitation.appointment.location")
            .entity(String.class)
            .isEqualTo(EMOJI.repeat(200));
    }

    // ---- helpers ----

    private static void assertNotADate(Response response, String naming, String value) {
        assertThat(firstError(response).getMessage()).as(json(response)).contains(naming).contains(value);
        assertThat(response.returnResponse().<Object>getData()).as(json(response)).isNull();
    }

    private static void assertUndeclared(Response response, String names) {
        ResponseError error = firstError(response);
        assertThat(error.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
        assertThat(error.getMessage()).endsWith("no variable named " + names);
        assertThat(response.returnResponse().<Object>getData()).isNull();
        assertThat(response.returnResponse().getExtensions()).as("refused before it is costed")
            .doesNotContainKey("cost");
    }

    /**
     * Sends the body as it is (padded, not JSON, a hash without its document): plain
     * HTTP, as the GraphQL tester sends only requests it makes itself and expects a 200.
     */
    private ResponseSpec postJson(String token, String body) {
        return http.post().headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> patient(String nhsNumber, String dateOfBirth) {
        return new HashMap<>(
                Map.of("nhsNumber", nhsNumber, "givenName", "Ada", "familyName", "Strict", "dateOfBirth", dateOfBirth));
    }

    private static Map<String, Object> withName(Map<String, Object> patient, String givenName) {
        patient.put("givenName", givenName);
        return patient;
    }

    /** A request for {@code __typename}, padded with spaces to {@code bytes} bytes. */
    private static String bodyOf(int bytes) {
        String request = "{\"query\": \"{ __typename }\"}";
        return request + " ".repeat(bytes - request.length());
    }

    /** A request for {@code me} whose variables take about {@code bytes} bytes. */
    private static byte[] variablesOf(int bytes) {
        return ("{\"query\": \"{ me { nhsNumber } }\", \"variables\": {\"padding\": \"" + "x".repeat(bytes) + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static String persisted(String hash, Map<String, Object> variables) {
        return JSON.writeValueAsString(Map.of("variables", variables, "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))));
    }

    /**
     * Posts a body of unknown length: the client sends it chunked, without
     * Content-Length.
     */
    private HttpResponse<String> postChunked(String token, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
        return HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Response registerLead(String name) {
        return as(ADMIN).documentName("staff/RegisterLead")
            .variable("input",
                    Map.of("name", name, "role", "Coordinator", "organisation", "Y01234", "neighbourhood",
                            "Strict Input", "caseloadLimit", 10))
            .execute();
    }

    @SuppressWarnings("unchecked")
    private String createPlan(String nhsNumber) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/CreatePlan").get("input"));
        input.put("nhsNumber", nhsNumber);
        input.remove("clientMutationId");
        Response created = as(STAFF).documentName("staff/CreatePlan").variable("input", input).execute();
        created.path("createCancerPlan.errors").entityList(Object.class).hasSize(0);
        return created.path("createCancerPlan.plan.id").entity(String.class).get();
    }

    private Response updateNeeds(String planId, int expectedVersion, String concern) {
        return as(STAFF).documentName("staff/UpdatePlan")
            .variable("input",
                    Map.of("planId", planId, "expectedVersion", expectedVersion, "needs",
                            List.of(Map.of("domain", "SOCIAL", "concern", concern))))
            .execute();
    }

    private Response assign(String planId, int expectedVersion, String leadId, String reason) {
        return as(STAFF).documentName("staff/AssignLead")
            .variable("input",
                    Map.of("planId", planId, "expectedVersion", expectedVersion, "leadId", leadId, "reason", reason))
            .execute();
    }

    private Response book(String patient, String invitationId, String at, String location) {
        return as(patient).documentName(RESPOND)
            .variable("input",
                    Map.of("invitationId", invitationId, "response", "BOOK", "appointmentAt", at, "location", location))
            .execute();
    }

}
