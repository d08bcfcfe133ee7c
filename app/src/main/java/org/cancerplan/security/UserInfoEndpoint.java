package org.cancerplan.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.cancerplan.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * An issuer's OpenID Connect userinfo endpoint (found through its discovery document),
 * called with the access token as bearer: CIS2 often gives a user's roles there rather
 * than in the access token. Each token's answer is kept until the token expires; failures
 * are not kept. A failure never grants anything: the endpoint refusing the token (a 4xx
 * other than 408 and 429), or answering for another subject, is an invalid token (401);
 * no answer in time, a 408, 429 or 5xx, or a discovery document that cannot be read, is
 * {@link IdentityProviderUnavailableException} (503).
 */
final class UserInfoEndpoint {

    private static final Logger log = LoggerFactory.getLogger(UserInfoEndpoint.class);

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
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
        this.answers = Caffeine.newBuilder()
            .maximumSize(settings.cacheSize())
            .expireAfter(Expiry.creating((String token, Answer answer) -> untilExpiry(answer.tokenExpiresAt())))
            .build();
    }

    /**
     * The userinfo claims for this (already validated) access token, whose subject is
     * known.
     */
    Map<String, Object> claimsFor(Jwt token) {
        String key = Sha256.hex(token.getTokenValue());
        Answer known = answers.getIfPresent(key);
        if (known != null) {
            return known.claims();
        }
        // not answers.get(key, loader): that holds a lock of the cache's map, which other
        // tokens share, for the call
        Answer answer = new Answer(fetch(token), token.getExpiresAt());
        answers.put(key, answer);
        return answer.claims();
    }

    private Map<String, Object> fetch(Jwt token) {
        URI location = endpoint();
        Map<String, Object> claims;
        try {
            claims = client.get()
                .uri(location)
                .headers(headers -> headers.setBearerAuth(token.getTokenValue()))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JSON_OBJECT);
        }
        catch (RestClientResponseException answered) {
            throw refusedOrUnavailable(answered.getStatusCode());
        }
        catch (RestClientException failed) {
            log.warn("The userinfo endpoint of {} did not answer: {}", issuer, failed.getMessage());
            throw unavailable();
        }
        if (claims == null || !Objects.equals(token.getSubject(), claims.get("sub"))) {
            // OpenID Connect Core 5.3.2: an answer for another subject must not be used
            throw new InvalidBearerTokenException("The userinfo answer is not about the token's subject");
        }
        return claims;
    }

    /**
     * 408 and 429 say "not now", as 5xx do; any other 4xx refuses this token (or the
     * request for it).
     */
    private AuthenticationException refusedOrUnavailable(HttpStatusCode status) {
        int code = status.value();
        if (status.is4xxClientError() && code != 408 && code != 429) {
            if (code != 401 && code != 403) {
                log.warn("The userinfo endpoint of {} answered {}: the token is taken as refused", issuer, code);
            }
            return new InvalidBearerTokenException("The issuer's userinfo endpoint refused the token");
        }
        log.warn("The userinfo endpoint of {} answered {}", issuer, code);
        return unavailable();
    }

    private URI endpoint() {
        URI known = endpoint;
        if (known == null) {
            known = discover();
            endpoint = known;
        }
        return known;
    }

    /**
     * A discovery document is public: whatever stops it being read, even a 401, is the
     * issuer's problem.
     */
    private URI discover() {
        String discovery = issuer.replaceFirst("/$", "") + "/.well-known/openid-configuration";
        Map<String, Object> metadata;
        try {
            metadata = client.get().uri(discovery).accept(MediaType.APPLICATION_JSON).retrieve().body(JSON_OBJECT);
        }
        catch (RestClientException failed) {
            log.warn("The discovery document of {} could not be read: {}", issuer, failed.getMessage());
            throw unavailable();
        }
        Object location = metadata == null ? null : metadata.get("userinfo_endpoint");
        if (!(location instanceof String text) || text.isBlank()) {
            log.warn("The discovery document of {} names no userinfo_endpoint", issuer);
            throw unavailable();
        }
        return URI.create(text);
    }

    private static IdentityProviderUnavailableException unavailable() {
        return new IdentityProviderUnavailableException(
                "The staff identity provider's userinfo endpoint did not " + "answer");
    }

    private static Duration untilExpiry(Instant expiresAt) {
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

}
