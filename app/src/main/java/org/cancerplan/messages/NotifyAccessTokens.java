package org.cancerplan.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.http.MediaType;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bearer token for NHS Notify's production API, by NHS England's signed-JWT
 * application-restricted authentication: a client assertion (RS512, {@code kid} the key's
 * id; {@code iss} and {@code sub} the API key, {@code aud} the token endpoint, a fresh
 * {@code jti}, valid five minutes) is exchanged with the client-credentials grant. The
 * token is kept until a minute before it expires, or until the gateway refuses it.
 */
@Component
class NotifyAccessTokens {

    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private record Token(String value, Instant renewAt) {
    }

    private final NotifySettings settings;

    private final JsonMapper json;

    private final Clock clock;

    private final PrivateKey privateKey;

    private final RestClient client = RestClient.create();

    private volatile Token current;

    NotifyAccessTokens(NotifySettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.privateKey = settings.auth() != null && settings.auth().enabled() ? readKey(settings.auth()) : null;
    }

    /**
     * The token to send, when the gateway is configured for signed-JWT authentication.
     */
    Optional<String> bearer() {
        if (privateKey == null) {
            return Optional.empty();
        }
        Token token = current;
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = renew();
        }
        return Optional.of(token.value());
    }

    /** Forgets the token (the gateway refused it): the next request gets a new one. */
    void refused() {
        current = null;
    }

    private synchronized Token renew() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return token;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.add("client_assertion", assertion());
        String answer = client.post()
            .uri(settings.auth().tokenUrl())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form)
            .retrieve()
            .body(String.class);
        JsonNode body = json.readTree(answer);
        String value = body.path("access_token").asString(null);
        if (value == null) {
            throw new IllegalStateException("The token endpoint answered without an access_token");
        }
        long expiresIn = Long.parseLong(body.path("expires_in").asString("300"));
        Instant renewAt = clock.instant().plusSeconds(expiresIn).minus(RENEW_BEFORE_EXPIRY);
        current = new Token(value, renewAt);
        return current;
    }

    private String assertion() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(settings.apiKey())
            .subject(settings.apiKey())
            .audience(settings.auth().tokenUrl().toString())
            .jwtID(UUID.randomUUID().toString())
            .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(settings.auth().keyId())
            .type(JOSEObjectType.JWT)
            .build(), claims);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        }
        catch (JOSEException failed) {
            throw new IllegalStateException("Could not sign the client assertion", failed);
        }
        return jwt.serialize();
    }

    /** The key, read with Spring Security's PKCS#8 PEM reader. */
    private static PrivateKey readKey(NotifySettings.Auth auth) {
        try (InputStream pem = Files.newInputStream(auth.privateKeyFile())) {
            return RsaKeyConverters.pkcs8().convert(pem);
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(
                    "cancerplan.notify.auth.private-key-file " + auth.privateKeyFile() + " cannot be read", unreadable);
        }
        catch (IllegalArgumentException notPkcs8) {
            throw new IllegalArgumentException("cancerplan.notify.auth.private-key-file " + auth.privateKeyFile()
                    + " is not an RSA private key in PEM PKCS#8", notPkcs8);
        }
    }

}
