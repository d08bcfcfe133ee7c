package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.cancerplan.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * An issuer's OpenID Connect userinfo endpoint (found through its discovery document), called with the access token
 * as bearer: CIS2 often gives a user's roles there rather than in the access token. Each token's answer is kept until
 * the token expires. A failure never grants anything: the endpoint refusing the token, or answering for another
 * subject, is an invalid token (401); no answer in time, or an error of the endpoint, is
 * {@link IdentityProviderUnavailableException} (503).
 */
final class UserInfoEndpoint {

    private static final Logger log = LoggerFactory.getLogger(UserInfoEndpoint.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    private final String issuer;
    private final RestClient client;
    private final Cache<String, Answer> answers;
    private volatile URI endpoint;

    private record Answer(Map<String, Object> claims, Instant tokenExpiresAt) {
    }

    UserInfoEndpoint(String issuer, SecurityProperties.UserInfo settings) {
        this.issuer = issuer;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.connectTimeout());
        requests.setReadTimeout(settings.readTimeout());
        this.client = RestClient.builder().requestFactory(requests).build();
        this.answers = Caffeine.newBuilder().maximumSize(settings.cacheSize())
                .expireAfter(Expiry.creating((String token, Answer answer) -> untilExpiry(answer.tokenExpiresAt())))
                .build();
    }

    /** The userinfo claims for this (already validated) access token. */
    Map<String, Object> claimsFor(Jwt token) {
        return answers.get(hash(token.getTokenValue()), key -> new Answer(fetch(token), token.getExpiresAt())).claims();
    }

    private Map<String, Object> fetch(Jwt token) {
        Map<String, Object> claims;
        try {
            claims = client.get().uri(endpoint()).headers(headers -> headers.setBearerAuth(token.getTokenValue()))
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JSON_OBJECT);
        } catch (HttpClientErrorException refused) {
            if (refused.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)
                    || refused.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
                throw new InvalidBearerTokenException("The issuer's userinfo endpoint refused the token");
            }
            throw unavailable(refused);
        } catch (RestClientException failed) {
            throw unavailable(failed);
        }
        if (claims == null || !token.getSubject().equals(claims.get("sub"))) {
            // OpenID Connect Core 5.3.2: an answer for another subject must not be used
            throw new InvalidBearerTokenException("The userinfo answer is not about the token's subject");
        }
        return claims;
    }

    private URI endpoint() {
        if (endpoint == null) {
            Map<String, Object> metadata = client.get()
                    .uri(issuer.replaceFirst("/$", "") + "/.well-known/openid-configuration")
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JSON_OBJECT);
            Object location = metadata == null ? null : metadata.get("userinfo_endpoint");
            if (!(location instanceof String text) || text.isBlank()) {
                throw new IdentityProviderUnavailableException("The issuer " + issuer + " names no userinfo_endpoint");
            }
            endpoint = URI.create(text);
        }
        return endpoint;
    }

    private IdentityProviderUnavailableException unavailable(RestClientException failure) {
        log.warn("The userinfo endpoint of {} did not answer: {}", issuer, failure.getMessage());
        return new IdentityProviderUnavailableException("The staff identity provider's userinfo endpoint did not "
                + "answer");
    }

    private static Duration untilExpiry(Instant expiresAt) {
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String hash(String token) {
        return Sha256.hex(token);
    }
}
