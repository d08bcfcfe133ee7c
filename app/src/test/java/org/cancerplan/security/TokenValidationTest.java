package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * Only a current token (with an expiry, not issued or valid only in the future), signed
 * by a trusted issuer's key, for that issuer's audience, gets in; anything else is a bare
 * 401.
 */
class TokenValidationTest extends ApiTest {

    private static final String ME = "{ me { nhsNumber } }";

    private static final String NHS_NUMBER = "9434765919";

    private static final String TYPENAME = "{ __typename }";

    private static final String STAFF_READ = "{ patient(nhsNumber: \"9434765935\") { nhsNumber } }";

    @Test
    void aValidRs512PatientTokenIsAccepted() {
        String token = IdentityProviders.patientToken(NHS_NUMBER);

        Response response = as(token).document(ME).execute(); // the tester takes only a
                                                              // 200 answer

        assertThat(SignedJWTs.algorithm(token)).isEqualTo("RS512");
        response.errors().verify();
    }

    @Test
    void noTokenIsUnauthorized() {
        assertUnauthorized(null, ME);
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        assertUnauthorized(IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.PATIENT_AUDIENCE,
                Map.of("nhs_number", NHS_NUMBER), -300), ME);
    }

    @Test
    void aTokenFromAnUntrustedIssuerIsUnauthorized() {
        assertUnauthorized(IdentityProviders.token(IdentityProviders.UNTRUSTED, "p", IdentityProviders.AUDIENCE,
                Map.of("nhs_number", NHS_NUMBER), 3600), ME);
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(IdentityProviders.token(IdentityProviders.PATIENT, "p", "another-api",
                Map.of("nhs_number", NHS_NUMBER), 3600), ME);
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        String[] parts = IdentityProviders.patientToken(NHS_NUMBER).split("\\.");
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        assertUnauthorized(none, ME);
    }

    @Test
    void aTamperedTokenIsUnauthorized() {
        String[] parts = IdentityProviders.patientToken(NHS_NUMBER).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(NHS_NUMBER,
                "9434765927");
        String tampered = parts[0] + "." + base64(payload) + "." + parts[2];

        assertUnauthorized(tampered, ME);
    }

    @Test
    void aTokenSignedWithASharedSecretIsUnauthorized() throws Exception {
        String issuer = IdentityProviders.issuerUrl(IdentityProviders.PATIENT);
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().issuer(issuer)
                    .audience(IdentityProviders.PATIENT_AUDIENCE)
                    .subject("p")
                    .claim("nhs_number", NHS_NUMBER)
                    .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                    .build());
        hmac.sign(new MACSigner("a-secret-of-at-least-thirty-two-bytes!!"));

        assertUnauthorized(hmac.serialize(), ME);
    }

    @Test
    void aPatientTokenWithoutAnNhsNumberIsUnauthorized() {
        assertUnauthorized(IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.PATIENT_AUDIENCE,
                Map.of("identity_proofing_level", "P9"), 3600), ME);
    }

    @Test
    void aPatientTokenPresentedByTheStaffIssuerDoesNotMakeAPatient() {
        String staffIssued = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("nhs_number", NHS_NUMBER, "org", "R1H", "role", "R8000"), 3600);

        Response response = as(staffIssued).document(ME).execute();

        assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void staffTokensMayUseThePlainOrgAndRoleClaims() {
        String plain = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("org", "R1H", "role", "R8000"), 3600);
        String noRole = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("name", "No Role"), 3600);
        String query = "{ patient(nhsNumber: \"9434765935\") { nhsNumber } }";

        as(plain).document(query).execute().errors().verify();
        assertUnauthorized(noRole, query);
    }

    @Test
    void eachIssuerHasItsOwnAudienceAndNhsLoginsIsTheClientId() {
        String nhsLogin = IdentityProviders.patientToken(NHS_NUMBER);
        String patientForTheCommonAudience = IdentityProviders.token(IdentityProviders.PATIENT, "p",
                IdentityProviders.AUDIENCE, IdentityProviders.nhsLoginClaims(NHS_NUMBER, "P9"), 3600);
        String staffForThePatientAudience = IdentityProviders.token(IdentityProviders.STAFF, "s",
                IdentityProviders.PATIENT_AUDIENCE, IdentityProviders.cis2Claims("Dr A", "R1H", "S8000:G8000:R8000"),
                3600);

        assertThat(SignedJWTs.audience(nhsLogin)).containsExactly(IdentityProviders.PATIENT_AUDIENCE);
        assertAnswered(nhsLogin, ME);
        assertUnauthorized(patientForTheCommonAudience, ME);
        assertUnauthorized(staffForThePatientAudience, STAFF_READ);
    }

    @Test
    void aTokenWithoutAnExpiryIsUnauthorized() {
        Instant now = Instant.now();

        assertAnswered(integrationToken(now, now.plusSeconds(600), null), TYPENAME);
        assertUnauthorized(integrationToken(now, null, null), TYPENAME);
    }

    @Test
    void aTokenIssuedOrValidOnlyInTheFutureIsUnauthorized() {
        Instant now = Instant.now();
        Instant inAnHour = now.plus(Duration.ofHours(1));

        assertUnauthorized(integrationToken(inAnHour, inAnHour.plusSeconds(600), null), TYPENAME);
        assertUnauthorized(integrationToken(now, inAnHour.plusSeconds(600), inAnHour), TYPENAME);
        // within the clock skew (30 s) a clock a little ahead is forgiven
        assertAnswered(integrationToken(now.plusSeconds(10), now.plusSeconds(600), now.plusSeconds(10)), TYPENAME);
    }

    @Test
    void theProofingLevelMayComeFromTheVectorOfTrustAlone() {
        String nhsNumber = TestNhsNumbers.next();
        register(nhsNumber);
        String clinicalData = "{ me { nhsNumber cancerPlan { id } } }";

        Response p9 = as(IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.PATIENT_AUDIENCE,
                Map.of("nhs_number", nhsNumber, "vot", "Cp.Cd.P9"), 3600))
            .document(clinicalData)
            .execute();
        Response p5 = as(IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.PATIENT_AUDIENCE,
                Map.of("nhs_number", nhsNumber, "vot", "P5.Cp.Cd"), 3600))
            .document(clinicalData)
            .execute();

        p9.path("me.nhsNumber").entity(String.class).isEqualTo(nhsNumber);
        assertThat(firstError(p5).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    private void register(String nhsNumber) {
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Vot", "familyName", "Only",
                                    "dateOfBirth", "1960-01-01"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    /**
     * An integration token signed by its issuer's own key, with exactly these times
     * (null: left out).
     */
    private static String integrationToken(Instant issuedAt, Instant expiresAt, Instant notBefore) {
        return IdentityProviders.signedToken(IdentityProviders.INTEGRATION,
                new JWTClaimsSet.Builder().issuer(IdentityProviders.issuerUrl(IdentityProviders.INTEGRATION))
                    .audience(IdentityProviders.AUDIENCE)
                    .subject("feed")
                    .claim("scope", "patients:write")
                    .issueTime(date(issuedAt))
                    .expirationTime(date(expiresAt))
                    .notBeforeTime(date(notBefore))
                    .build());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** Answered with data and no errors (the tester takes only a 200 answer). */
    private void assertAnswered(String token, String query) {
        Response response = as(token).document(query).execute();
        response.errors().verify();
        assertThat(response.returnResponse().toMap()).containsKey("data");
    }

    /** A bare 401: no GraphQL response, so not through the GraphQL tester. */
    private void assertUnauthorized(String token, String query) {
        http.post().headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        })
            .bodyValue(Map.of("query", query, "variables", Map.of()))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .isEmpty();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class SignedJWTs {

        static List<String> audience(String token) {
            try {
                return SignedJWT.parse(token).getJWTClaimsSet().getAudience();
            }
            catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }

        static String algorithm(String token) {
            try {
                return SignedJWT.parse(token).getHeader().getAlgorithm().getName();
            }
            catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }

    }

}
