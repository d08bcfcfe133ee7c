package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IdentityProviders.UserInfoAnswer;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * With {@code roles-from=userinfo} a staff token that carries no
 * {@code nhsid_nrbac_roles} gets its role from the issuer's userinfo endpoint (a real
 * HTTP call, made with the real signed access token), as CIS2 often gives it there and
 * not in the access token. This service also maps the activity B0825 to the clinical
 * privilege.
 */
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false",
        "cancerplan.security.staff.roles-from=userinfo", "cancerplan.security.staff.userinfo.read-timeout=1s",
        "cancerplan.security.staff.clinical-activity-codes=" + StaffRolesFromUserInfoTest.GRANTING_ACTIVITY })
class StaffRolesFromUserInfoTest extends IsolatedStoreTest {

    private static final String ORGANISATION = "R1H";
    static final String GRANTING_ACTIVITY = "B0825";

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private String nhsNumber;

    @BeforeEach
    void registeredPatient() {
        nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "User", "familyName", "Info",
                                    "dateOfBirth", "1960-01-01"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    @Test
    void rolesGivenOnlyByUserInfoReachAClinicalOperationAndAreAskedForOncePerToken() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-1", Map.of());
        IdentityProviders.answerUserInfo(token,
                UserInfoAnswer.ok(userInfo("staff-ui-1", "S8000:G8000:R8000", List.of("B0278"))));

        Response first = readRecordAs(token);
        Response second = readRecordAs(token);

        first.path("patient.familyName").entity(String.class).isEqualTo("Info");
        second.path("patient.familyName").entity(String.class).isEqualTo("Info");
        assertThat(IdentityProviders.userInfoCalls(token)).isEqualTo(1);
    }

    @Test
    void aTokenThatCarriesRolesIsReadAsItIsWithoutAskingUserInfo() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-2",
                IdentityProviders.cis2Claims("Dr Token", ORGANISATION, "S8000:G8000:R8000"));
        IdentityProviders.answerUserInfo(token,
                UserInfoAnswer.ok(userInfo("staff-ui-2", "S8001:G8005:R8009", List.of("B0278"))));

        Response record = readRecordAs(token);

        record.path("patient.familyName").entity(String.class).isEqualTo("Info");
        assertThat(IdentityProviders.userInfoCalls(token)).isZero();
    }

    @Test
    void anActivityCodeConfiguredForThePrivilegeGrantsIt() {
        String receptionistWithTheActivity = IdentityProviders.userInfoStaffToken("staff-ui-3", Map.of());
        String receptionist = IdentityProviders.userInfoStaffToken("staff-ui-4", Map.of());
        IdentityProviders.answerUserInfo(receptionistWithTheActivity,
                UserInfoAnswer.ok(userInfo("staff-ui-3", "S8001:G8005:R8009", List.of("B0278", GRANTING_ACTIVITY))));
        IdentityProviders.answerUserInfo(receptionist,
                UserInfoAnswer.ok(userInfo("staff-ui-4", "S8001:G8005:R8009", List.of("B0278"))));

        Response granted = readRecordAs(receptionistWithTheActivity);

        granted.path("patient.familyName").entity(String.class).isEqualTo("Info");
        assertThat(firstError(readRecordAs(receptionist)).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void whenUserInfoFailsOrIsSlowNothingIsGrantedAndTheAnswerIs503WithRetryAfter() {
        List<UserInfoAnswer> outages = List.of(new UserInfoAnswer(500, Map.of(), Duration.ZERO),
                new UserInfoAnswer(503, Map.of(), Duration.ZERO), new UserInfoAnswer(408, Map.of(), Duration.ZERO),
                new UserInfoAnswer(429, Map.of(), Duration.ZERO),
                new UserInfoAnswer(200, userInfo("staff-ui-5", "S8000:G8000:R8000", List.of()), Duration.ofSeconds(3)));
        for (UserInfoAnswer outage : outages) {
            String token = IdentityProviders.userInfoStaffToken("staff-ui-5", Map.of());
            IdentityProviders.answerUserInfo(token, outage);

            readRecordOverHttp(token, null).expectStatus()
                .value(status -> assertThat(status).as("userinfo answering %s", outage).isEqualTo(503))
                .expectHeader()
                .valueEquals("Retry-After", "5")
                .expectBody()
                .jsonPath("$.data")
                .doesNotHaveJsonPath();
        }
    }

    @Test
    void anOutageIsAGraphQlErrorForAClientThatAcceptsOne() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-6", Map.of());
        IdentityProviders.answerUserInfo(token, new UserInfoAnswer(503, Map.of(), Duration.ZERO));

        readRecordOverHttp(token, GRAPHQL_RESPONSE).expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .valueEquals("Retry-After", "5")
            .expectHeader()
            .contentTypeCompatibleWith(GRAPHQL_RESPONSE)
            .expectBody()
            .jsonPath("$.errors[0].extensions.code")
            .isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE")
            .jsonPath("$.data")
            .doesNotHaveJsonPath();
        readRecordOverHttp(token, "application/json").expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .valueEquals("Retry-After", "5")
            .expectBody()
            .isEmpty();
    }

    @Test
    void whenUserInfoRefusesTheTokenOrAnswersForSomeoneElseItIs401() {
        List<UserInfoAnswer> refusals = List.of(
                new UserInfoAnswer(401, Map.of("error", "invalid_token"), Duration.ZERO),
                new UserInfoAnswer(403, Map.of(), Duration.ZERO),
                new UserInfoAnswer(400, Map.of("error", "invalid_request"), Duration.ZERO),
                new UserInfoAnswer(404, Map.of(), Duration.ZERO),
                UserInfoAnswer.ok(userInfo("staff-other", "S8000:G8000:R8000", List.of())));
        for (UserInfoAnswer refusal : refusals) {
            String token = IdentityProviders.userInfoStaffToken("staff-ui-7", Map.of());
            IdentityProviders.answerUserInfo(token, refusal);

            readRecordOverHttp(token, null).expectStatus()
                .value(status -> assertThat(status).as("userinfo answering %s", refusal).isEqualTo(401))
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aStaffTokenWithoutASubjectIsRefusedWithoutAskingUserInfo() {
        String token = IdentityProviders.signedToken(IdentityProviders.STAFF,
                new JWTClaimsSet.Builder().issuer(IdentityProviders.issuerUrl(IdentityProviders.STAFF))
                    .audience(IdentityProviders.AUDIENCE)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .build());
        IdentityProviders.answerUserInfo(token,
                UserInfoAnswer.ok(userInfo("staff-ui-8", "S8000:G8000:R8000", List.of())));

        readRecordOverHttp(token, null).expectStatus().isUnauthorized();
        assertThat(IdentityProviders.userInfoCalls(token)).isZero();
    }

    @Test
    void overWebSocketAnOutageClosesWith4503AndARefusedTokenWith4401() {
        String outage = IdentityProviders.userInfoStaffToken("staff-ui-9", Map.of());
        String refused = IdentityProviders.userInfoStaffToken("staff-ui-10", Map.of());
        IdentityProviders.answerUserInfo(outage, new UserInfoAnswer(503, Map.of(), Duration.ZERO));
        IdentityProviders.answerUserInfo(refused, new UserInfoAnswer(401, Map.of(), Duration.ZERO));

        assertClosedBeforeAnyAck(outage, 4503);
        assertClosedBeforeAnyAck(refused, 4401);
    }

    /**
     * The service closes a connection with this token with this code before any
     * connection_ack.
     */
    private void assertClosedBeforeAnyAck(String token, int code) {
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, token);
        assertThatThrownBy(() -> socket.start().block(Duration.ofSeconds(10)))
            .hasMessageContaining("CloseStatus[code=" + code);
    }

    private Response readRecordAs(String token) {
        return as(token).document(readRecord()).execute();
    }

    /**
     * For answers the GraphQL tester does not take (it expects a 200): refusals and
     * outages.
     */
    private ResponseSpec readRecordOverHttp(String token, String accept) {
        return http.post().headers(headers -> {
            headers.setBearerAuth(token);
            if (accept != null) {
                headers.set(HttpHeaders.ACCEPT, accept);
            }
        }).bodyValue(Map.of("query", readRecord(), "variables", Map.of())).exchange();
    }

    /**
     * A CIS2 userinfo answer: the subject, their name and their one role (at the care
     * team's organisation).
     */
    private static Map<String, Object> userInfo(String subject, String roleCode, List<String> activityCodes) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("name", "Dr Userinfo");
        claims.put("selected_roleid", "555000010");
        claims.put("nhsid_nrbac_roles", List.of(Map.of("person_roleid", "555000010", "org_code", ORGANISATION,
                "role_code", roleCode, "role_name", "Access Role", "activity_codes", activityCodes)));
        return claims;
    }

    private String readRecord() {
        return "{ patient(nhsNumber: \"" + nhsNumber + "\") { nhsNumber familyName } }";
    }

}
