package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;

/** Only a current token, signed by a trusted issuer's key, for this service's audience, gets in; anything else is a bare 401. */
class TokenValidationTest extends ApiTest {

    private static final String ME = "{ me { nhsNumber } }";
    private static final String NHS_NUMBER = "9434765919";

    @Test
    void aValidRs512PatientTokenIsAccepted() {
        String token = IdentityProviders.patientToken(NHS_NUMBER);

        Response response = graphql.post(token, ME);

        assertThat(SignedJWTs.algorithm(token)).isEqualTo("RS512");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.hasErrors()).isFalse();
    }

    @Test
    void noTokenIsUnauthorized() {
        assertUnauthorized(graphql.post(null, ME));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        assertUnauthorized(graphql.post(IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.AUDIENCE,
                Map.of("nhs_number", NHS_NUMBER), -300), ME));
    }

    @Test
    void aTokenFromAnUntrustedIssuerIsUnauthorized() {
        assertUnauthorized(graphql.post(IdentityProviders.token(IdentityProviders.UNTRUSTED, "p",
                IdentityProviders.AUDIENCE, Map.of("nhs_number", NHS_NUMBER), 3600), ME));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        assertUnauthorized(graphql.post(IdentityProviders.token(IdentityProviders.PATIENT, "p", "another-api",
                Map.of("nhs_number", NHS_NUMBER), 3600), ME));
    }

    @Test
    void anUnsignedTokenIsUnauthorized() {
        String[] parts = IdentityProviders.patientToken(NHS_NUMBER).split("\\.");
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        assertUnauthorized(graphql.post(none, ME));
    }

    @Test
    void aTamperedTokenIsUnauthorized() {
        String[] parts = IdentityProviders.patientToken(NHS_NUMBER).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(NHS_NUMBER, "9434765927");
        String tampered = parts[0] + "." + base64(payload) + "." + parts[2];

        assertUnauthorized(graphql.post(tampered, ME));
    }

    @Test
    void aTokenSignedWithASharedSecretIsUnauthorized() throws Exception {
        String issuer = IdentityProviders.issuerUrl(IdentityProviders.PATIENT);
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(issuer)
                .audience(IdentityProviders.AUDIENCE).subject("p").claim("nhs_number", NHS_NUMBER)
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000)).build());
        hmac.sign(new MACSigner("a-secret-of-at-least-thirty-two-bytes!!"));

        assertUnauthorized(graphql.post(hmac.serialize(), ME));
    }

    @Test
    void aPatientTokenWithoutAnNhsNumberIsUnauthorized() {
        assertUnauthorized(graphql.post(IdentityProviders.token(IdentityProviders.PATIENT, "p",
                IdentityProviders.AUDIENCE, Map.of("identity_proofing_level", "P9"), 3600), ME));
    }

    @Test
    void aPatientTokenPresentedByTheStaffIssuerDoesNotMakeAPatient() {
        String staffIssued = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("nhs_number", NHS_NUMBER, "org", "R1H", "role", "R8000"), 3600);

        Response response = graphql.post(staffIssued, ME);

        assertThat(response.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void staffTokensMayUseThePlainOrgAndRoleClaims() {
        String plain = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("org", "R1H", "role", "R8000"), 3600);
        String noRole = IdentityProviders.token(IdentityProviders.STAFF, "x", IdentityProviders.AUDIENCE,
                Map.of("name", "No Role"), 3600);
        String query = "{ patient(nhsNumber: \"9434765935\") { nhsNumber } }";

        assertThat(graphql.post(plain, query).hasErrors()).isFalse();
        assertUnauthorized(graphql.post(noRole, query));
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().isEmpty()).isTrue();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class SignedJWTs {
        static String algorithm(String token) {
            try {
                return SignedJWT.parse(token).getHeader().getAlgorithm().getName();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
