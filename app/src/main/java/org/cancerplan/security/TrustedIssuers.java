package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

/**
 * The configured token issuers, each trusted for one kind of caller. Tokens must be
 * signed with RS256 or RS512 by a key from the issuer's JWKS and carry the right
 * {@code iss}, the issuer's configured {@code aud}, a current {@code exp} (required) and
 * {@code nbf}, and no {@code iat} in the future (each within the clock skew). Each
 * issuer's metadata is fetched on first use, so the service starts while an identity
 * provider is down (and in local mode, before its own authorization server listens).
 */
final class TrustedIssuers {

    static final String[] SETTINGS = { "cancerplan.security.patient.issuer-uri", "cancerplan.security.staff.issuer-uri",
            "cancerplan.security.integration.issuer-uri" };

    private final Map<String, AuthenticationManager> managers = new LinkedHashMap<>();

    TrustedIssuers(SecurityProperties properties) {
        SecurityProperties.Staff staff = properties.staff();
        add(CallerKind.PATIENT, properties.patient().issuerUri(), TokenCallerConverter.patients(), properties);
        add(CallerKind.STAFF, staff.issuerUri(),
                TokenCallerConverter.staff(staff.roles(),
                        staff.rolesFrom() == SecurityProperties.RolesSource.USERINFO && staff.issuerUri() != null
                                ? new UserInfoEndpoint(staff.issuerUri().toString(), staff.userinfo()) : null),
                properties);
        add(CallerKind.INTEGRATION, properties.integration().issuerUri(), TokenCallerConverter.integrations(),
                properties);
        if (managers.isEmpty()) {
            throw new MissingSettingException(String.join(" / ", SETTINGS),
                    "No token issuer is configured: set at least one of " + String.join(", ", SETTINGS) + ".");
        }
    }

    JwtIssuerAuthenticationManagerResolver resolver() {
        return new JwtIssuerAuthenticationManagerResolver(managers::get);
    }

    /**
     * Validates a bearer token given outside an HTTP header (a WebSocket's
     * connection_init).
     */
    CallerAuthentication authenticate(String token) {
        return (CallerAuthentication) resolver().resolve((HttpServletRequest) null)
            .authenticate(new BearerTokenAuthenticationToken(token));
    }

    private void add(CallerKind kind, URI issuer, TokenCallerConverter converter, SecurityProperties properties) {
        if (issuer == null || issuer.toString().isBlank()) {
            return;
        }
        String location = issuer.toString();
        if (managers.containsKey(location)) {
            throw new IllegalStateException("The issuer " + location + " is configured for two kinds of caller");
        }
        String audience = properties.audienceOf(kind);
        if (!StringUtils.hasText(audience)) {
            String setting = "cancerplan.security." + kind.name().toLowerCase() + ".audience";
            throw new MissingSettingException(setting,
                    "No token audience is configured for the " + kind.name().toLowerCase() + " issuer: " + setting
                            + " (or cancerplan.security.audience, for "
                            + "every issuer without its own) must name the aud value its access tokens carry.");
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(
                decoder(location, audience, properties.clockSkew()));
        provider.setJwtAuthenticationConverter(converter);
        managers.put(location, new ProviderManager(provider));
    }

    private static JwtDecoder decoder(String issuer, String audience, Duration clockSkew) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).jwsAlgorithms(algorithms -> {
                algorithms.add(SignatureAlgorithm.RS256);
                algorithms.add(SignatureAlgorithm.RS512);
            }).restOperations(metadataClient()).build();
            decoder.setJwtValidator(
                    new DelegatingOAuth2TokenValidator<>(lifetime(clockSkew), notIssuedInTheFuture(clockSkew),
                            new JwtIssuerValidator(issuer), new JwtAudienceValidator(audience)));
            return decoder;
        });
    }

    /**
     * A current {@code exp} (required) and {@code nbf} (when given), within the clock
     * skew.
     */
    private static JwtTimestampValidator lifetime(Duration clockSkew) {
        JwtTimestampValidator lifetime = new JwtTimestampValidator(clockSkew);
        lifetime.setAllowEmptyExpiryClaim(false);
        return lifetime;
    }

    /**
     * Spring's own {@code iat} check also refuses tokens issued more than the skew ago:
     * this one looks ahead only.
     */
    private static OAuth2TokenValidator<Jwt> notIssuedInTheFuture(Duration clockSkew) {
        return new JwtClaimValidator<Instant>(JwtClaimNames.IAT,
                issuedAt -> issuedAt == null || !issuedAt.isAfter(Instant.now().plus(clockSkew)));
    }

    /**
     * Identity providers can be slow to answer their first discovery request; the default
     * 500 ms is too short.
     */
    private static RestTemplate metadataClient() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(10));
        return new RestTemplate(factory);
    }

}
