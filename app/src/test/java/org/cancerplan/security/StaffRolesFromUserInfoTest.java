package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IdentityProviders.UserInfoAnswer;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code roles-from=userinfo} the staff role comes from the issuer's userinfo endpoint (a real HTTP call, made
 * with the real signed access token), as CIS2 often gives it there and not in the access token. This service also
 * maps the activity B0825 to the clinical privilege.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffRolesFromUserInfoTest {

    private static final String ORGANISATION = "R1H";
    private static final String GRANTING_ACTIVITY = "B0825";

    @LocalServerPort
    int port;

    private GraphQlHttp graphql;
    private String nhsNumber;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path store = Files.createTempDirectory("cancerplan-userinfo-test");
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cancerplan.store.path", store::toString);
        registry.add("cancerplan.graphql.trusted-documents", () -> "off");
        registry.add("cancerplan.rate-limit.enabled", () -> "false");
        registry.add("cancerplan.security.staff.roles-from", () -> "userinfo");
        registry.add("cancerplan.security.staff.userinfo.read-timeout", () -> "1s");
        registry.add("cancerplan.security.staff.clinical-activity-codes", () -> GRANTING_ACTIVITY);
    }

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
    void theRolesInUserInfoCountNotThoseInTheToken() {
        String token = IdentityProviders.userInfoStaffToken("staff-ui-2", IdentityProviders.cis2Claims("Dr Token",
                ORGANISATION, "R8000"));
        IdentityProviders.answerUserInfo(token, UserInfoAnswer.ok(userInfo("staff-ui-2", "S8001:G8005:R8009",
                List.of("B0278"))));

        assertThat(graphql.post(token, readRecord()).firstErrorClassification()).isEqualTo("FORBIDDEN");
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
    void whenUserInfoFailsOrIsSlowNothingIsGrantedAndTheAnswerIs503() {
        Map<String, Object> clinicianInTheToken = IdentityProviders.cis2Claims("Dr Token", ORGANISATION, "R8000");
        String failing = IdentityProviders.userInfoStaffToken("staff-ui-5", clinicianInTheToken);
        String slow = IdentityProviders.userInfoStaffToken("staff-ui-6", clinicianInTheToken);
        IdentityProviders.answerUserInfo(failing, new UserInfoAnswer(503, Map.of(), Duration.ZERO));
        IdentityProviders.answerUserInfo(slow, new UserInfoAnswer(200, userInfo("staff-ui-6", "S8000:G8000:R8000",
                List.of()), Duration.ofSeconds(3)));

        Response failed = graphql.post(failing, readRecord());
        Response timedOut = graphql.post(slow, readRecord());

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().has("data")).isFalse();
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.body().has("data")).isFalse();
    }

    @Test
    void whenUserInfoRefusesTheTokenOrAnswersForSomeoneElseItIs401WhateverTheTokenSays() {
        Map<String, Object> clinicianInTheToken = IdentityProviders.cis2Claims("Dr Token", ORGANISATION, "R8000");
        String refused = IdentityProviders.userInfoStaffToken("staff-ui-7", clinicianInTheToken);
        String someoneElses = IdentityProviders.userInfoStaffToken("staff-ui-8", clinicianInTheToken);
        IdentityProviders.answerUserInfo(refused, new UserInfoAnswer(401, Map.of("error", "invalid_token"),
                Duration.ZERO));
        IdentityProviders.answerUserInfo(someoneElses, UserInfoAnswer.ok(userInfo("staff-other",
                "S8000:G8000:R8000", List.of())));

        assertThat(graphql.post(refused, readRecord()).status()).isEqualTo(401);
        assertThat(graphql.post(someoneElses, readRecord()).status()).isEqualTo(401);
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
