package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
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
 * The configured token issuers, each trusted for one kind of caller. Tokens must be signed with RS256 or RS512 by a
 * key from the issuer's JWKS and carry the right {@code iss}, the configured {@code aud} and a current
 * {@code exp}/{@code nbf}. Each issuer's metadata is fetched on first use, so the service starts while an identity
 * provider is down (and in local mode, before its own authorization server listens).
 */
public final class TrustedIssuers {

    static final String[] SETTINGS = { "cancerplan.security.patient.issuer-uri",
            "cancerplan.security.staff.issuer-uri", "cancerplan.security.integration.issuer-uri" };

    private final Map<String, AuthenticationManager> managers = new LinkedHashMap<>();

    TrustedIssuers(SecurityProperties properties) {
        if (!StringUtils.hasText(properties.audience())) {
            throw new MissingSettingException("cancerplan.security.audience",
                    "No token audience is configured: cancerplan.security.audience must name the aud value "
                            + "every access token carries.");
        }
        add(properties.patient() == null ? null : properties.patient().issuerUri(),
                new TokenCallerConverter(CallerKind.PATIENT, null), properties);
        add(properties.staff().issuerUri(), new TokenCallerConverter(CallerKind.STAFF, properties.staff().roles()),
                properties);
        add(properties.integration() == null ? null : properties.integration().issuerUri(),
                new TokenCallerConverter(CallerKind.INTEGRATION, null), properties);
        if (managers.isEmpty()) {
            throw new MissingSettingException(String.join(" / ", SETTINGS),
                    "No token issuer is configured: set at least one of " + String.join(", ", SETTINGS) + ".");
        }
    }

    JwtIssuerAuthenticationManagerResolver resolver() {
        return new JwtIssuerAuthenticationManagerResolver(managers::get);
    }

    /** Validates a bearer token given outside an HTTP header (a WebSocket's connection_init). */
    CallerAuthentication authenticate(String token) {
        return (CallerAuthentication) resolver().resolve((jakarta.servlet.http.HttpServletRequest) null)
                .authenticate(new BearerTokenAuthenticationToken(token));
    }

    private void add(URI issuer, TokenCallerConverter converter, SecurityProperties properties) {
        if (issuer == null || issuer.toString().isBlank()) {
            return;
        }
        String location = issuer.toString();
        if (managers.containsKey(location)) {
            throw new IllegalStateException("The issuer " + location + " is configured for two kinds of caller");
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder(location, properties));
        provider.setJwtAuthenticationConverter(converter);
        managers.put(location, new ProviderManager(provider));
    }

    private static JwtDecoder decoder(String issuer, SecurityProperties properties) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.RS512);
                    })
                    .restOperations(metadataClient())
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(properties.clockSkew()),
                    new JwtIssuerValidator(issuer),
                    new JwtAudienceValidator(properties.audience())));
            return decoder;
        });
    }

    /** Identity providers can be slow to answer their first discovery request; the default 500 ms is too short. */
    private static RestTemplate metadataClient() {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(10));
        return new RestTemplate(factory);
    }
}
