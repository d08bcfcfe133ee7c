package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff tokens shaped as CIS2 issues them: roles in {@code nhsid_nrbac_roles} with full national RBAC codes
 * ({@code S8000:G8000:R8000}) and activity codes, the role acted in named by {@code selected_roleid}.
 */
class Cis2TokenTest extends ApiTest {

    private static final String ORGANISATION = "R1H";

    private String nhsNumber;

    @BeforeEach
    void registeredPatient() {
        nhsNumber = TestNhsNumbers.next();
        Response registered = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", List.of(
                        Map.of("nhsNumber", nhsNumber, "givenName", "Cis", "familyName", "Two", "dateOfBirth",
                                "1960-01-01")))));
        assertThat(registered.data("registerPatients/registered").asInt()).isEqualTo(1);
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
        claims.put("nhsid_nrbac_roles", List.of(Map.of(
                "person_orgid", "555254239107",
                "person_roleid", "555254240100",
                "org_code", ORGANISATION,
                "role_name", "\"Clinical\":\"Clinical Provision\":\"Clinical Practitioner Access Role\"",
                "role_code", "S8000:G8000:R8000",
                "activities", List.of("Receive Self Claimed LR Alert", "Amend Patient Demographics"),
                "activity_codes", List.of("B0278", "B0401", "B0825", "B0058"))));
        String token = IdentityProviders.token(IdentityProviders.STAFF, "555254242102", IdentityProviders.AUDIENCE,
                claims, 3600);

        Response record = graphql.post(token, readRecord());

        assertThat(record.hasErrors()).as(record.body().toString()).isFalse();
        assertThat(record.data("patient/familyName").asString()).isEqualTo("Two");
    }

    @Test
    void aNurseWithTheFullRoleCodeAndOneWithTheBareCodeBothCount() {
        Response full = graphql.post(IdentityProviders.staffToken(ORGANISATION, "S8000:G8000:R8001"), readRecord());
        Response bare = graphql.post(IdentityProviders.bareCodeStaffToken("Nurse Bare", ORGANISATION, "R8001"),
                readRecord());

        assertThat(full.data("patient/familyName").asString()).as(full.body().toString()).isEqualTo("Two");
        assertThat(bare.data("patient/familyName").asString()).as(bare.body().toString()).isEqualTo("Two");
    }

    @Test
    void onlyTheSelectedRoleCounts() {
        List<Map<String, Object>> roles = List.of(
                IdentityProviders.cis2Role("555000001", ORGANISATION, "S8000:G8000:R8000", "Clinical Practitioner"),
                IdentityProviders.cis2Role("555000002", ORGANISATION, "S8001:G8005:R8009", "Receptionist"));

        Response asClinician = graphql.post(staff(Map.of("selected_roleid", "555000001", "nhsid_nrbac_roles", roles)),
                readRecord());
        Response asReceptionist = graphql.post(staff(Map.of("selected_roleid", "555000002", "nhsid_nrbac_roles",
                roles)), readRecord());

        assertThat(asClinician.data("patient/familyName").asString()).as(asClinician.body().toString())
                .isEqualTo("Two");
        assertThat(asReceptionist.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aUserWithOneRoleNeedsNoSelectionButOneWithSeveralDoes() {
        Map<String, Object> clinician = IdentityProviders.cis2Role("555000001", ORGANISATION, "S8000:G8000:R8000",
                "Clinical Practitioner");
        Map<String, Object> manager = IdentityProviders.cis2Role("555000003", "Y01234", "S8000:G8000:R8013",
                "Health Service Management");

        Response single = graphql.post(staff(Map.of("nhsid_nrbac_roles", List.of(clinician))), readRecord());
        Response several = graphql.post(staff(Map.of("nhsid_nrbac_roles", List.of(clinician, manager))),
                readRecord());
        Response unknown = graphql.post(staff(Map.of("selected_roleid", "555999999", "nhsid_nrbac_roles",
                List.of(clinician))), readRecord());

        assertThat(single.data("patient/familyName").asString()).as(single.body().toString()).isEqualTo("Two");
        assertThat(several.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void aStaffTokenWithoutASubjectIsRefused() {
        String token = IdentityProviders.signedToken(IdentityProviders.STAFF, new JWTClaimsSet.Builder()
                .issuer(IdentityProviders.issuerUrl(IdentityProviders.STAFF)).audience(IdentityProviders.AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("name", "Dr Nobody").claim("nhsid_nrbac_roles", List.of(IdentityProviders.cis2Role("555000001",
                        ORGANISATION, "S8000:G8000:R8000", "Clinical Practitioner")))
                .build());

        Response refused = graphql.post(token, readRecord());

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
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
