package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IdentityProviders.UserInfoAnswer;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code roles-from=userinfo} a staff token that carries no {@code nhsid_nrbac_roles} gets its role from the
 * issuer's userinfo endpoint (a real HTTP call, made with the real signed access token), as CIS2 often gives it there
 * and not in the access token. This service also maps the activity B0825 to the clinical privilege.
 */
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false",
        "cancerplan.security.staff.roles-from=userinfo", "cancerplan.security.staff.userinfo.read-timeout=1s",
        "cancerplan.security.staff.clinical-activity-codes=" + StaffRolesFromUserInfoTest.GRANTING_ACTIVITY })
class StaffRolesFromUserInfoTest extends IsolatedStoreTest {

    private static final String ORGANISATION = "R1H";
    static final String GRANTING_ACTIVITY = "B0825";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private GraphQlHttp graphql;
    private String nhsNumber;

    @BeforeEach
    void registeredPatient() {
        graphql = new GraphQlHttp(port);
        nhsNumber = TestNhsNumbers.next();
        Response registered = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", List.of(
                        Map.of("nhsNumber", nhsNumber, "givenName", "User", "familyName", "Info", "dateOfBirth",
                                "1960-01-01")))));
        assertThat(registered.data("registerPatients/registered").asInt()).isEqualTo(1);
    }

    @Test
    void rolesGivenOnlyByUserInfoReachAClinicalOperationAndAreAskedForOncePerToken() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-1", Map.of());
        IdentityProviders.answerUserInfo(token, UserInfoAnswer.ok(userInfo("staff-ui-1", "S8000:G8000:R8000",
                List.of("B0278"))));

        Response first = graphql.post(token, readRecord());
        Response second = graphql.post(token, readRecord());

        assertThat(first.data("patient/familyName").asString()).as(first.body().toString()).isEqualTo("Info");
        assertThat(second.data("patient/familyName").asString()).isEqualTo("Info");
        assertThat(IdentityProviders.userInfoCalls(token)).isEqualTo(1);
    }

    @Test
    void aTokenThatCarriesRolesIsReadAsItIsWithoutAskingUserInfo() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-2", IdentityProviders.cis2Claims("Dr Token",
                ORGANISATION, "S8000:G8000:R8000"));
        IdentityProviders.answerUserInfo(token, UserInfoAnswer.ok(userInfo("staff-ui-2", "S8001:G8005:R8009",
                List.of("B0278"))));

        Response record = graphql.post(token, readRecord());

        assertThat(record.data("patient/familyName").asString()).as(record.body().toString()).isEqualTo("Info");
        assertThat(IdentityProviders.userInfoCalls(token)).isZero();
    }

    @Test
    void anActivityCodeConfiguredForThePrivilegeGrantsIt() {
        String receptionistWithTheActivity = IdentityProviders.userInfoStaffToken("staff-ui-3", Map.of());
        String receptionist = IdentityProviders.userInfoStaffToken("staff-ui-4", Map.of());
        IdentityProviders.answerUserInfo(receptionistWithTheActivity, UserInfoAnswer.ok(userInfo("staff-ui-3",
                "S8001:G8005:R8009", List.of("B0278", GRANTING_ACTIVITY))));
        IdentityProviders.answerUserInfo(receptionist, UserInfoAnswer.ok(userInfo("staff-ui-4", "S8001:G8005:R8009",
                List.of("B0278"))));

        Response granted = graphql.post(receptionistWithTheActivity, readRecord());

        assertThat(granted.data("patient/familyName").asString()).as(granted.body().toString()).isEqualTo("Info");
        assertThat(graphql.post(receptionist, readRecord()).firstErrorClassification()).isEqualTo("FORBIDDEN");
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

            Response failed = graphql.post(token, readRecord());

            assertThat(failed.status()).as("userinfo answering %s", outage).isEqualTo(503);
            assertThat(failed.body().has("data")).isFalse();
            assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
        }
    }

    @Test
    void anOutageIsAGraphQlErrorForAClientThatAcceptsOne() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-6", Map.of());
        IdentityProviders.answerUserInfo(token, new UserInfoAnswer(503, Map.of(), Duration.ZERO));

        Response asGraphQlResponse = graphql.postAccepting(GRAPHQL_RESPONSE, token, readRecord(), Map.of());
        Response asJson = graphql.postAccepting("application/json", token, readRecord(), Map.of());

        assertThat(asGraphQlResponse.status()).isEqualTo(503);
        assertThat(asGraphQlResponse.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(asGraphQlResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_RESPONSE);
        assertThat(asGraphQlResponse.firstErrorCode()).as(asGraphQlResponse.body().toString())
                .isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
        assertThat(asGraphQlResponse.body().has("data")).isFalse();
        assertThat(asJson.status()).isEqualTo(503);
        assertThat(asJson.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(asJson.body().isEmpty()).as(asJson.body().toString()).isTrue();
    }

    @Test
    void whenUserInfoRefusesTheTokenOrAnswersForSomeoneElseItIs401() {
        List<UserInfoAnswer> refusals = List.of(new UserInfoAnswer(401, Map.of("error", "invalid_token"),
                Duration.ZERO), new UserInfoAnswer(403, Map.of(), Duration.ZERO),
                new UserInfoAnswer(400, Map.of("error", "invalid_request"), Duration.ZERO),
                new UserInfoAnswer(404, Map.of(), Duration.ZERO),
                UserInfoAnswer.ok(userInfo("staff-other", "S8000:G8000:R8000", List.of())));
        for (UserInfoAnswer refusal : refusals) {
            String token = IdentityProviders.userInfoStaffToken("staff-ui-7", Map.of());
            IdentityProviders.answerUserInfo(token, refusal);

            Response refused = graphql.post(token, readRecord());

            assertThat(refused.status()).as("userinfo answering %s", refusal).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aStaffTokenWithoutASubjectIsRefusedWithoutAskingUserInfo() {
        String token = IdentityProviders.signedToken(IdentityProviders.STAFF, new JWTClaimsSet.Builder()
                .issuer(IdentityProviders.issuerUrl(IdentityProviders.STAFF)).audience(IdentityProviders.AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        IdentityProviders.answerUserInfo(token, UserInfoAnswer.ok(userInfo("staff-ui-8", "S8000:G8000:R8000",
                List.of())));

        assertThat(graphql.post(token, readRecord()).status()).isEqualTo(401);
        assertThat(IdentityProviders.userInfoCalls(token)).isZero();
    }

    @Test
    void overWebSocketAnOutageClosesWith4503AndARefusedTokenWith4401() throws Exception {
        String outage = IdentityProviders.userInfoStaffToken("staff-ui-9", Map.of());
        String refused = IdentityProviders.userInfoStaffToken("staff-ui-10", Map.of());
        IdentityProviders.answerUserInfo(outage, new UserInfoAnswer(503, Map.of(), Duration.ZERO));
        IdentityProviders.answerUserInfo(refused, new UserInfoAnswer(401, Map.of(), Duration.ZERO));

        assertThat(closeCodeOfAConnectionWith(outage)).isEqualTo(4503);
        assertThat(closeCodeOfAConnectionWith(refused)).isEqualTo(4401);
    }

    private Integer closeCodeOfAConnectionWith(String token) throws InterruptedException {
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
            Integer code = socket.closeCode(Duration.ofSeconds(10));
            assertThat(socket.next(Duration.ofMillis(100))).as("no connection_ack").isNull();
            return code;
        }
    }

    /** A CIS2 userinfo answer: the subject, their name and their one role (at the care team's organisation). */
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
