package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Staff tokens shaped as CIS2 issues them: roles in {@code nhsid_nrbac_roles} with full
 * national RBAC codes ({@code S8000:G8000:R8000}) and activity codes, the role acted in
 * named by {@code selected_roleid}.
 */
class Cis2TokenTest extends ApiTest {

    private static final String ORGANISATION = "R1H";

    private String nhsNumber;

    @BeforeEach
    void registeredPatient() {
        nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Cis", "familyName", "Two",
                                    "dateOfBirth", "1960-01-01"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    @Test
    void anAccessTokenShapedLikeAPublishedCis2OneReachesAClinicalOperation() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("name", "Aisha Khan");
        claims.put("given_name", "Aisha");
        claims.put("family_name", "Khan");
        claims.put("nhsid_useruid", "555254242102");
        claims.put("authentication_assurance_level", "3");
        claims.put("selected_roleid", "555254240100");
        claims.put("nhsid_nrbac_roles",
                List.of(Map.of("person_orgid", "555254239107", "person_roleid", "555254240100", "org_code",
                        ORGANISATION, "role_name",
                        "\"Clinical\":\"Clinical Provision\":\"Clinical Practitioner Access Role\"", "role_code",
                        "S8000:G8000:R8000", "activities",
                        List.of("Receive Self Claimed LR Alert", "Amend Patient Demographics"), "activity_codes",
                        List.of("B0278", "B0401", "B0825", "B0058"))));
        String token = IdentityProviders.token(IdentityProviders.STAFF, "555254242102", IdentityProviders.AUDIENCE,
                claims, 3600);

        Response record = readRecordAs(token);

        record.path("patient.familyName").entity(String.class).isEqualTo("Two");
    }

    @Test
    void aNurseWithTheFullRoleCodeAndOneWithTheBareCodeBothCount() {
        Response full = readRecordAs(IdentityProviders.staffToken(ORGANISATION, "S8000:G8000:R8001"));
        Response bare = readRecordAs(IdentityProviders.bareCodeStaffToken("Nurse Bare", ORGANISATION, "R8001"));

        full.path("patient.familyName").entity(String.class).isEqualTo("Two");
        bare.path("patient.familyName").entity(String.class).isEqualTo("Two");
    }

    @Test
    void onlyTheSelectedRoleCounts() {
        List<Map<String, Object>> roles = List.of(
                IdentityProviders.cis2Role("555000001", ORGANISATION, "S8000:G8000:R8000", "Clinical Practitioner"),
                IdentityProviders.cis2Role("555000002", ORGANISATION, "S8001:G8005:R8009", "Receptionist"));

        Response asClinician = readRecordAs(staff(Map.of("selected_roleid", "555000001", "nhsid_nrbac_roles", roles)));
        Response asReceptionist = readRecordAs(
                staff(Map.of("selected_roleid", "555000002", "nhsid_nrbac_roles", roles)));

        asClinician.path("patient.familyName").entity(String.class).isEqualTo("Two");
        assertThat(firstError(asReceptionist).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void aUserWithOneRoleNeedsNoSelectionButOneWithSeveralDoes() {
        Map<String, Object> clinician = IdentityProviders.cis2Role("555000001", ORGANISATION, "S8000:G8000:R8000",
                "Clinical Practitioner");
        Map<String, Object> manager = IdentityProviders.cis2Role("555000003", "Y01234", "S8000:G8000:R8013",
                "Health Service Management");

        Response single = readRecordAs(staff(Map.of("nhsid_nrbac_roles", List.of(clinician))));

        single.path("patient.familyName").entity(String.class).isEqualTo("Two");
        readRecordOverHttp(staff(Map.of("nhsid_nrbac_roles", List.of(clinician, manager)))).expectStatus()
            .isUnauthorized();
        readRecordOverHttp(staff(Map.of("selected_roleid", "555999999", "nhsid_nrbac_roles", List.of(clinician))))
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void aStaffTokenWithoutASubjectIsRefused() {
        String token = IdentityProviders.signedToken(IdentityProviders.STAFF,
                new JWTClaimsSet.Builder().issuer(IdentityProviders.issuerUrl(IdentityProviders.STAFF))
                    .audience(IdentityProviders.AUDIENCE)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                    .claim("name", "Dr Nobody")
                    .claim("nhsid_nrbac_roles",
                            List.of(IdentityProviders.cis2Role("555000001", ORGANISATION, "S8000:G8000:R8000",
                                    "Clinical Practitioner")))
                    .build());

        readRecordOverHttp(token).expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private Response readRecordAs(String token) {
        return as(token).document(readRecord()).execute();
    }

    /**
     * For refusals before GraphQL, which the GraphQL tester does not take (it expects a
     * 200).
     */
    private ResponseSpec readRecordOverHttp(String token) {
        return http.post()
            .headers(headers -> headers.setBearerAuth(token))
            .bodyValue(Map.of("query", readRecord(), "variables", Map.of()))
            .exchange();
    }

    private String readRecord() {
        return "{ patient(nhsNumber: \"" + nhsNumber + "\") { nhsNumber familyName } }";
    }

    private static String staff(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("name", "Dr Shape");
        return IdentityProviders.token(IdentityProviders.STAFF, "staff-shape", IdentityProviders.AUDIENCE, all, 3600);
    }

}
