package org.cancerplan.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real OIDC servers (mock-oauth2-server) issuing signed tokens for the tests, started
 * once per test JVM: one that signs with RS512 like NHS login (the patient issuer) and
 * one with RS256 (staff, integration and an issuer the service does not trust). The staff
 * issuer's userinfo endpoint answers what a test asks it to ({@link #answerUserInfo}),
 * and refuses tokens it was told nothing about.
 *
 * <p>
 * Tokens have the shapes the real identity providers issue: patient tokens NHS login's
 * (the relying party's client id as {@code aud}, {@code vot},
 * {@code identity_proofing_level}, RS512), staff tokens CIS2's ({@code nhsid_nrbac_roles}
 * with full {@code S....:G....:R....} role codes and activity codes, and
 * {@code selected_roleid}).
 */
public final class IdentityProviders {

    /**
     * The audience of staff and integration tokens (the service's common
     * {@code cancerplan.security.audience}).
     */
    public static final String AUDIENCE = "cancerplan-api";

    /**
     * NHS login puts the relying party's client id in {@code aud}: the service's patient
     * audience.
     */
    public static final String PATIENT_AUDIENCE = "cancerplan-nhs-login-client";

    public static final String PATIENT = "nhs-login";

    public static final String STAFF = "cis2";

    public static final String INTEGRATION = "integration";

    public static final String UNTRUSTED = "untrusted";

    /** The role a fixture selects in {@code selected_roleid}. */
    public static final String SELECTED_ROLE_ID = "555012345";

    /**
     * Activity codes as CIS2 lists them beside a role (the service grants nothing for
     * them unless configured).
     */
    public static final List<String> ACTIVITY_CODES = List.of("B0278", "B0401", "B0825", "B0058");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, UserInfoAnswer> USER_INFO = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> USER_INFO_CALLS = new ConcurrentHashMap<>();

    private static final KeyProvider RS512_KEYS = new KeyProvider(List.of(), JWSAlgorithm.RS512.getName());

    private static final KeyProvider RS256_KEYS = new KeyProvider(List.of(), JWSAlgorithm.RS256.getName());

    private static final MockOAuth2Server RS512 = start(
            new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(RS512_KEYS))));

    private static final MockOAuth2Server RS256 = start(new MockOAuth2Server(
            new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(RS256_KEYS)),
            new Route.Builder().get(new String[] { "/" + STAFF + "/userinfo" }, IdentityProviders::userInfo).build()));

    /**
     * What the scripted userinfo endpoint answers for one token.
     *
     * @param status the HTTP status
     * @param claims the JSON object it returns
     * @param delay how long it takes to answer
     */
    public record UserInfoAnswer(int status, Map<String, Object> claims, Duration delay) {

        public static UserInfoAnswer ok(Map<String, Object> claims) {
            return new UserInfoAnswer(200, claims, Duration.ZERO);
        }
    }

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

    /**
     * The service's issuer settings, for {@code @DynamicPropertySource} or property
     * lists.
     */
    public static Map<String, String> serviceSettings() {
        return Map.of("cancerplan.security.patient.issuer-uri", issuerUrl(PATIENT),
                "cancerplan.security.patient.audience", PATIENT_AUDIENCE, "cancerplan.security.staff.issuer-uri",
                issuerUrl(STAFF), "cancerplan.security.integration.issuer-uri", issuerUrl(INTEGRATION),
                "cancerplan.security.audience", AUDIENCE);
    }

    public static String token(String issuerId, String subject, String audience, Map<String, Object> claims,
            long expirySeconds) {
        return serverFor(issuerId).issueToken(issuerId, subject, audience, claims, expirySeconds).serialize();
    }

    /**
     * A token signed by the issuer's own key with exactly these claims (no {@code exp}
     * unless given), for the shapes the issuer's token endpoint would not produce.
     */
    public static String signedToken(String issuerId, JWTClaimsSet claims) {
        boolean patient = PATIENT.equals(issuerId);
        try {
            RSAKey key = (patient ? RS512_KEYS : RS256_KEYS).signingKey(issuerId).toRSAKey();
            SignedJWT token = new SignedJWT(
                    new JWSHeader.Builder(patient ? JWSAlgorithm.RS512 : JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                    claims);
            token.sign(new RSASSASigner(key));
            return token.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String patientToken(String nhsNumber) {
        return patientToken(nhsNumber, "P9");
    }

    public static String patientToken(String nhsNumber, String proofingLevel) {
        return patientToken(nhsNumber, proofingLevel, 3600);
    }

    /**
     * An NHS login-shaped access token: the client id as {@code aud}, the proofing level
     * and vector of trust.
     */
    public static String patientToken(String nhsNumber, String proofingLevel, long expirySeconds) {
        return token(PATIENT, "patient-" + nhsNumber, PATIENT_AUDIENCE, nhsLoginClaims(nhsNumber, proofingLevel),
                expirySeconds);
    }

    public static Map<String, Object> nhsLoginClaims(String nhsNumber, String proofingLevel) {
        return Map.of("nhs_number", nhsNumber, "identity_proofing_level", proofingLevel, "vot",
                proofingLevel + ".Cp.Cd", "vtm", issuerUrl(PATIENT) + "/trustmark");
    }

    /**
     * A CIS2-shaped staff token acting in a role at the organisation (a bare job role is
     * given its full code).
     */
    public static String staffToken(String organisation, String roleCode) {
        return staffToken("Dr Test", organisation, roleCode);
    }

    public static String staffToken(String name, String organisation, String roleCode) {
        return token(STAFF, staffSubject(name), AUDIENCE, cis2Claims(name, organisation, fullRoleCode(roleCode)), 3600);
    }

    /**
     * A staff token naming its role by the bare job role code ({@code R8000}), as some
     * identity providers do.
     */
    public static String bareCodeStaffToken(String name, String organisation, String jobRole) {
        return token(STAFF, staffSubject(name), AUDIENCE, cis2Claims(name, organisation, jobRole), 3600);
    }

    public static String staffSubject(String name) {
        return "staff-" + name.replace(' ', '-');
    }

    /**
     * {@code R8000} as CIS2 writes it, {@code S8000:G8000:R8000}; codes with their groups
     * stay as they are.
     */
    public static String fullRoleCode(String roleCode) {
        return roleCode.contains(":") ? roleCode : "S8000:G8000:" + roleCode;
    }

    /**
     * CIS2's claims for a user with two roles, acting in the selected one at the
     * organisation: the other role (an admin role elsewhere) must not count.
     */
    public static Map<String, Object> cis2Claims(String name, String organisation, String roleCode) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("name", name);
        claims.put("selected_roleid", SELECTED_ROLE_ID);
        claims.put("nhsid_nrbac_roles",
                List.of(cis2Role("555099999", "ZZZ", "S8000:G8000:R8013", "Health Service Management Access Role"),
                        cis2Role(SELECTED_ROLE_ID, organisation, roleCode, "Access Role " + roleCode)));
        claims.put("authentication_assurance_level", "3");
        return claims;
    }

    public static Map<String, Object> cis2Role(String roleId, String organisation, String roleCode, String roleName) {
        return Map.of("person_roleid", roleId, "org_code", organisation, "role_code", roleCode, "role_name", roleName,
                "activity_codes", ACTIVITY_CODES);
    }

    /**
     * A staff token for a service that reads roles from userinfo: the token carries only
     * these claims.
     */
    public static String userInfoStaffToken(String subject, Map<String, Object> claims) {
        return token(STAFF, subject, AUDIENCE, claims, 3600);
    }

    /** What the scripted userinfo endpoint answers when called with this access token. */
    public static void answerUserInfo(String token, UserInfoAnswer answer) {
        USER_INFO.put(token, answer);
    }

    /** How often the scripted userinfo endpoint was called with this access token. */
    public static int userInfoCalls(String token) {
        AtomicInteger calls = USER_INFO_CALLS.get(token);
        return calls == null ? 0 : calls.get();
    }

    private static OAuth2HttpResponse userInfo(OAuth2HttpRequest request) {
        String authorization = request.getHeaders().get("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        USER_INFO_CALLS.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        UserInfoAnswer answer = USER_INFO.getOrDefault(token,
                new UserInfoAnswer(401, Map.of("error", "invalid_token"), Duration.ZERO));
        try {
            Thread.sleep(answer.delay().toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), answer.status(),
                JSON.writeValueAsString(answer.claims()), null);
    }

    public static String integrationToken(String... scopes) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("scope", String.join(" ", scopes));
        claims.put("client_id", "test-feed");
        return token(INTEGRATION, "test-feed", AUDIENCE, claims, 3600);
    }

}
