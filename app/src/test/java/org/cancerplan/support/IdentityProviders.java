package org.cancerplan.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * Real OIDC servers (mock-oauth2-server) issuing signed tokens for the tests, started once per test JVM: one that
 * signs with RS512 like NHS login (the patient issuer) and one with RS256 (staff, integration and an issuer the
 * service does not trust).
 */
public final class IdentityProviders {

    public static final String AUDIENCE = "cancerplan-api";
    public static final String PATIENT = "nhs-login";
    public static final String STAFF = "cis2";
    public static final String INTEGRATION = "integration";
    public static final String UNTRUSTED = "untrusted";

    private static final MockOAuth2Server RS512 = start(new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(new KeyProvider(List.of(), JWSAlgorithm.RS512.getName())))));
    private static final MockOAuth2Server RS256 = start(new MockOAuth2Server());

    private IdentityProviders() {
    }

    private static MockOAuth2Server start(MockOAuth2Server server) {
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    private static MockOAuth2Server serverFor(String issuerId) {
        return PATIENT.equals(issuerId) ? RS512 : RS256;
    }

    public static String issuerUrl(String issuerId) {
        return serverFor(issuerId).issuerUrl(issuerId).toString();
    }

    /** The service's issuer settings, for {@code @DynamicPropertySource} or property lists. */
    public static Map<String, String> serviceSettings() {
        return Map.of("cancerplan.security.patient.issuer-uri", issuerUrl(PATIENT),
                "cancerplan.security.staff.issuer-uri", issuerUrl(STAFF),
                "cancerplan.security.integration.issuer-uri", issuerUrl(INTEGRATION),
                "cancerplan.security.audience", AUDIENCE);
    }

    public static String token(String issuerId, String subject, String audience, Map<String, Object> claims,
            long expirySeconds) {
        return serverFor(issuerId).issueToken(issuerId, subject, audience, claims, expirySeconds).serialize();
    }

    public static String patientToken(String nhsNumber) {
        return patientToken(nhsNumber, "P9");
    }

    public static String patientToken(String nhsNumber, String proofingLevel) {
        return patientToken(nhsNumber, proofingLevel, 3600);
    }

    public static String patientToken(String nhsNumber, String proofingLevel, long expirySeconds) {
        return token(PATIENT, "patient-" + nhsNumber, AUDIENCE, Map.of("nhs_number", nhsNumber,
                "identity_proofing_level", proofingLevel, "vot", proofingLevel + ".Cp.Cd"), expirySeconds);
    }

    /** A CIS2-style staff token: the selected role names the organisation and role code. */
    public static String staffToken(String organisation, String roleCode) {
        return staffToken("Dr Test", organisation, roleCode);
    }

    public static String staffToken(String name, String organisation, String roleCode) {
        Map<String, Object> role = Map.of("person_roleid", "555012345", "org_code", organisation, "role_code",
                roleCode, "role_name", "Access Role " + roleCode);
        Map<String, Object> other = Map.of("person_roleid", "555099999", "org_code", "ZZZ", "role_code", "R8013",
                "role_name", "Health Service Management Access Role");
        return token(STAFF, "staff-" + name.replace(' ', '-'), AUDIENCE, Map.of("name", name, "selected_roleid",
                "555012345", "nhsid_nrbac_roles", List.of(other, role)), 3600);
    }

    public static String integrationToken(String... scopes) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("scope", String.join(" ", scopes));
        claims.put("client_id", "test-feed");
        return token(INTEGRATION, "test-feed", AUDIENCE, claims, 3600);
    }
}
