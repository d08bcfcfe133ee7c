package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.graphql.RequestLimitsTest.assertPasses;

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
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Input is taken as sent or refused, never quietly changed: days that do not exist, bodies over the size limit,
 * variables the operation does not declare; text limits count characters as people see them.
 */
class StrictInputTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ORGANISATION = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    private static final String STAFF = IdentityProviders.staffToken("Dr Strict", ORGANISATION, "R8000");
    private static final String ADMIN = IdentityProviders.staffToken("Y01234", "R8013");
    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write");
    private static final String PATIENT = IdentityProviders.patientToken("9434765919");
    private static final String REGISTER = Contract.operation("integration/RegisterPatients");
    private static final String WAITING_TIMES = Contract.operation("staff/WaitingTimes");
    private static final String RESPOND = Contract.operation("patient-app/RespondToInvitation");
    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units, four UTF-8 bytes

    // ---- dates ----

    @ParameterizedTest
    @ValueSource(strings = { "2026-09-31", "1961-02-30", "2026-02-29" })
    void aDayThatDoesNotExistIsRefusedAsAVariableNamingTheVariable(String day) {
        Response topLevel = graphql.post(STAFF, WAITING_TIMES, Map.of("from", day, "to", "2026-11-30"));
        Response nested = graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients",
                List.of(patient(TestNhsNumbers.next(), day)))));

        assertNotADate(topLevel, "Variable 'from'", day);
        assertNotADate(nested, "Variable 'input'", day);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-09-31", "1961-02-30", "2026-02-29" })
    void aDayThatDoesNotExistIsRefusedAsALiteralNamingTheArgument(String day) {
        Response topLevel = graphql.post(STAFF, "{ waitingTimes(from: \"" + day + "\", to: \"2026-11-30\") {"
                + " fasterDiagnosis { measured } } }");
        Response nested = graphql.post(FEED, "mutation { registerPatients(input: {patients: [{nhsNumber: \""
                + TestNhsNumbers.next() + "\", givenName: \"Ada\", familyName: \"Strict\", dateOfBirth: \"" + day
                + "\"}]}) { registered } }");

        assertNotADate(topLevel, "'from'", day);
        assertNotADate(nested, "'input.patients[0].dateOfBirth'", day);
    }

    @ParameterizedTest
    @ValueSource(strings = { "+999999999-12-31", "10000-01-01", "-0001-01-01", "26-01-01", "2026-1-01" })
    void aDateIsAFourDigitYearAndTwoDigitMonthAndDay(String notYyyyMmDd) {
        Response refused = graphql.post(STAFF, WAITING_TIMES, Map.of("from", notYyyyMmDd, "to", "2026-11-30"));

        assertNotADate(refused, "Variable 'from'", notYyyyMmDd);
    }

    @Test
    void aTimeOnADayThatDoesNotExistIsRefused() {
        String instant = "2026-02-30T10:00:00Z";

        Response variable = graphql.post(PATIENT, RESPOND, Map.of("input", Map.of("invitationId", "any",
                "response", "BOOK", "appointmentAt", instant)));
        Response literal = graphql.post(PATIENT, "mutation { respondToScreeningInvitation(input: {invitationId: \"any\","
                + " response: BOOK, appointmentAt: \"" + instant + "\"}) { errors { code } } }");

        assertNotADate(variable, "Variable 'input'", instant);
        assertNotADate(literal, "'input.appointmentAt'", instant);
    }

    @Test
    void realDaysAtTheEndsOfMonthsAreTakenAsSent() {
        String nhsNumber = TestNhsNumbers.next();

        Response leapDay = graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients",
                List.of(patient(nhsNumber, "1960-02-29")))));
        Response endOfSeptember = graphql.post(STAFF, WAITING_TIMES, Map.of("from", "2026-09-30", "to", "2026-10-31"));

        assertPasses(leapDay);
        assertThat(leapDay.data("registerPatients/registered").asInt()).isEqualTo(1);
        assertThat(graphql.post(STAFF, "query($n: NhsNumber!) { patient(nhsNumber: $n) { dateOfBirth } }",
                Map.of("n", nhsNumber)).data("patient/dateOfBirth").asString()).isEqualTo("1960-02-29");
        assertPasses(endOfSeptember);
    }

    // ---- request body size ----

    @Test
    void aBodyOfTheLimitIsServedAndOneByteMoreIsRefusedWith413BeforeItIsParsed() {
        String atLimit = bodyOf(64 * 1024);

        Response served = graphql.postJson(PATIENT, atLimit, null);
        Response overLimit = graphql.postJson(PATIENT, atLimit + " ", null);
        Response notEvenJson = graphql.postJson(PATIENT, "x".repeat(64 * 1024 + 1), null);

        assertPasses(served);
        assertThat(served.data("__typename").asString()).isEqualTo("Query");
        for (Response refused : List.of(overLimit, notEvenJson)) {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.firstErrorCode()).isEqualTo("REQUEST_TOO_LARGE");
            assertThat(refused.body().at("/errors/0/message").asString()).contains("65536 bytes");
            assertThat(refused.body().has("data")).isFalse();
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
        Response refused = graphql.postJson(PATIENT, new String(variablesOf(3 * 1024 * 1024), StandardCharsets.UTF_8),
                null);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.firstErrorCode()).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(refused.body().has("data")).isFalse();
    }

    @Test
    void integrationsMaySendTheirLargerBatchesUpToTheirOwnLimit() {
        String atLimit = bodyOf(512 * 1024);

        Response batchSized = graphql.postJson(FEED, atLimit, null);
        Response overLimit = graphql.postJson(FEED, atLimit + " ", null);
        Response patientSendingAsMuch = graphql.postJson(PATIENT, atLimit, null);

        assertPasses(batchSized);
        assertThat(overLimit.status()).isEqualTo(413);
        assertThat(overLimit.body().at("/errors/0/message").asString()).contains("524288 bytes");
        assertThat(patientSendingAsMuch.status()).isEqualTo(413);
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
        Response anonymous = graphql.postJson(null, "x".repeat(100 * 1024), null);

        assertThat(anonymous.status()).isEqualTo(401);
    }

    // ---- undeclared variables ----

    @Test
    void variablesTheOperationDoesNotDeclareAreRefusedByName() {
        Response none = graphql.post(PATIENT, "{ me { nhsNumber } }", Map.of("stray", 1, "other", "x"));
        Response some = graphql.post(STAFF, WAITING_TIMES, Map.of("from", "2026-10-01", "to", "2026-10-31",
                "organisation", ORGANISATION, "organization", ORGANISATION));

        assertUndeclared(none, "other, stray");
        assertUndeclared(some, "organization");
        assertThat(some.body().at("/errors/0/message").asString()).doesNotContain("from");
    }

    @Test
    void aPersistedQueryTakesItsDeclaredVariablesOnly() {
        String nhsNumber = TestNhsNumbers.next();
        graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients", List.of(patient(nhsNumber, "1950-01-01")))));
        String patient = IdentityProviders.patientToken(nhsNumber);
        String hash = TrustedDocuments.sha256(Contract.operation("patient-app/MyAccessLog"));

        Response declared = graphql.postJson(patient, persisted(hash, Map.of("first", 5)), null);
        Response undeclared = graphql.postJson(patient, persisted(hash, Map.of("first", 5, "last", 5)), null);

        assertPasses(declared);
        assertThat(declared.data("me/accessLog/edges").isArray()).isTrue();
        assertUndeclared(undeclared, "last");
    }

    @Test
    void aSubscriptionTakesItsDeclaredVariablesOnly() throws Exception {
        String subscription = "subscription { myCancerPlanChanged { id } }";
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + PATIENT)));
            assertThat(socket.next(Duration.ofSeconds(10)).get("type").asString()).isEqualTo("connection_ack");

            socket.send(Map.of("id", "stray", "type", "subscribe", "payload",
                    Map.of("query", subscription, "variables", Map.of("stray", true))));
            JsonNode refused = socket.next(Duration.ofSeconds(10));
            socket.send(Map.of("id", "fine", "type", "subscribe", "payload",
                    Map.of("query", subscription, "variables", Map.of())));

            assertThat(refused.get("id").asString()).isEqualTo("stray");
            assertThat(refused.at("/payload/data").isMissingNode() || refused.at("/payload/data").isNull())
                    .as(refused.toString()).isTrue();
            assertThat(refused.at("/payload/errors/0/message").asString()).endsWith("no variable named stray");
            assertThat(refused.at("/payload/errors/0/extensions/code").asString())
                    .isEqualTo("GRAPHQL_VALIDATION_FAILED");
            // the other stays open: nothing comes for it until the plan changes
            for (JsonNode message = socket.next(Duration.ofMillis(500)); message != null;
                    message = socket.next(Duration.ofMillis(500))) {
                assertThat(message.path("id").asString()).as(message.toString()).isEqualTo("stray");
            }
        }
    }

    // ---- text length ----

    @Test
    void aNameCountsEachEmojiAsOneCharacter() {
        String hundred = EMOJI.repeat(100);

        Response registered = graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients", List.of(
                withName(patient(TestNhsNumbers.next(), "1950-01-01"), hundred),
                withName(patient(TestNhsNumbers.next(), "1950-01-01"), hundred + EMOJI)))));
        Response lead = registerLead(hundred);
        Response longerLead = registerLead(hundred + EMOJI);

        assertThat(registered.data("registerPatients/registered").asInt()).as(registered.body().toString())
                .isEqualTo(1);
        assertThat(registered.data("registerPatients/errors/0/field").asString()).isEqualTo("patients[1].givenName");
        assertThat(lead.data("registerNeighbourhoodLead/errors")).as(lead.body().toString()).isEmpty();
        assertThat(lead.data("registerNeighbourhoodLead/lead/name").asString()).isEqualTo(hundred);
        assertThat(longerLead.data("registerNeighbourhoodLead/errors/0/code").asString()).isEqualTo("INVALID_TEXT");
    }

    @Test
    void planTextAndAHandoverReasonCountEachEmojiAsOneCharacter() {
        String nhsNumber = TestNhsNumbers.next();
        graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients", List.of(patient(nhsNumber, "1950-01-01")))));
        String planId = createPlan(nhsNumber);
        String leadId = registerLead("Emoji Lead").data("registerNeighbourhoodLead/lead/id").asString();

        Response tooLong = updateNeeds(planId, 1, EMOJI.repeat(501));
        Response threeHundred = updateNeeds(planId, 1, EMOJI.repeat(300));
        Response longReason = assign(planId, 2, leadId, EMOJI.repeat(501));
        Response reason = assign(planId, 2, leadId, EMOJI.repeat(500));

        assertThat(tooLong.data("updateCancerPlan/errors/0/code").asString()).isEqualTo("TOO_LONG");
        assertThat(threeHundred.data("updateCancerPlan/errors")).as(threeHundred.body().toString()).isEmpty();
        assertThat(threeHundred.data("updateCancerPlan/plan/needs/0/concern").asString()).isEqualTo(EMOJI.repeat(300));
        assertThat(longReason.data("assignNeighbourhoodLead/errors/0/code").asString()).isEqualTo("TOO_LONG");
        assertThat(reason.data("assignNeighbourhoodLead/errors")).as(reason.body().toString()).isEmpty();
        assertThat(reason.data("assignNeighbourhoodLead/plan/neighbourhoodLead/lead/id").asString()).isEqualTo(leadId);
    }

    @Test
    void anAppointmentLocationCountsEachEmojiAsOneCharacter() {
        String nhsNumber = TestNhsNumbers.next();
        graphql.post(FEED, REGISTER, Map.of("input", Map.of("patients", List.of(patient(nhsNumber, "1960-01-01")))));
        LocalDate today = LocalDate.now();
        Response issued = graphql.post(FEED, Contract.operation("integration/IssueInvitations"), Map.of("input",
                Map.of("invitations", List.of(Map.of("externalId", "STRICT-" + nhsNumber, "nhsNumber", nhsNumber,
                        "programme", "BREAST", "invitedOn", today.toString(), "respondBy",
                        today.plusDays(60).toString(), "selfReferral", true)))));
        assertThat(issued.data("issueScreeningInvitations/issued").asInt()).as(issued.body().toString()).isEqualTo(1);
        String patient = IdentityProviders.patientToken(nhsNumber);
        String invitationId = graphql.post(patient, "{ me { screeningInvitations(first: 1) { edges { node { id } } } } }")
                .data("me/screeningInvitations/edges/0/node/id").asString();
        String at = today.plusDays(7) + "T09:30:00Z";

        Response tooLong = book(patient, invitationId, at, EMOJI.repeat(201));
        Response booked = book(patient, invitationId, at, EMOJI.repeat(200));

        assertThat(tooLong.data("respondToScreeningInvitation/errors/0/code").asString()).isEqualTo("TOO_LONG");
        assertThat(booked.data("respondToScreeningInvitation/errors")).as(booked.body().toString()).isEmpty();
        assertThat(booked.data("respondToScreeningInvitation/invitation/appointment/location").asString())
                .isEqualTo(EMOJI.repeat(200));
    }

    // ---- helpers ----

    private static void assertNotADate(Response response, String naming, String value) {
        assertThat(response.hasErrors()).as(response.body().toString()).isTrue();
        assertThat(response.body().at("/data").isMissingNode() || response.body().at("/data").isNull())
                .as(response.body().toString()).isTrue();
        assertThat(response.body().at("/errors/0/message").asString()).as(response.body().toString())
                .contains(naming).contains(value);
    }

    private static void assertUndeclared(Response response, String names) {
        assertThat(response.firstErrorCode()).as(response.body().toString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(response.body().at("/errors/0/message").asString()).endsWith("no variable named " + names);
        assertThat(response.body().at("/data").isMissingNode() || response.body().at("/data").isNull()).isTrue();
        assertThat(response.body().at("/extensions/cost").isMissingNode()).as("refused before it is costed").isTrue();
    }

    private static Map<String, Object> patient(String nhsNumber, String dateOfBirth) {
        return new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Ada", "familyName", "Strict",
                "dateOfBirth", dateOfBirth));
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

    /** Posts a body of unknown length: the client sends it chunked, without Content-Length. */
    private HttpResponse<String> postChunked(String token, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Response registerLead(String name) {
        return graphql.post(ADMIN, Contract.operation("staff/RegisterLead"), Map.of("input", Map.of("name", name,
                "role", "Coordinator", "organisation", "Y01234", "neighbourhood", "Strict Input", "caseloadLimit", 10)));
    }

    @SuppressWarnings("unchecked")
    private String createPlan(String nhsNumber) {
        Map<String, Object> input = new HashMap<>((Map<String, Object>) Contract.variables("staff/CreatePlan")
                .get("input"));
        input.put("nhsNumber", nhsNumber);
        input.remove("clientMutationId");
        Response created = graphql.post(STAFF, Contract.operation("staff/CreatePlan"), Map.of("input", input));
        assertThat(created.data("createCancerPlan/errors")).as(created.body().toString()).isEmpty();
        return created.data("createCancerPlan/plan/id").asString();
    }

    private Response updateNeeds(String planId, int expectedVersion, String concern) {
        return graphql.post(STAFF, Contract.operation("staff/UpdatePlan"), Map.of("input", Map.of("planId", planId,
                "expectedVersion", expectedVersion, "needs", List.of(Map.of("domain", "SOCIAL", "concern", concern)))));
    }

    private Response assign(String planId, int expectedVersion, String leadId, String reason) {
        return graphql.post(STAFF, Contract.operation("staff/AssignLead"), Map.of("input", Map.of("planId", planId,
                "expectedVersion", expectedVersion, "leadId", leadId, "reason", reason)));
    }

    private Response book(String patient, String invitationId, String at, String location) {
        return graphql.post(patient, RESPOND, Map.of("input", Map.of("invitationId", invitationId, "response", "BOOK",
                "appointmentAt", at, "location", location)));
    }
}
