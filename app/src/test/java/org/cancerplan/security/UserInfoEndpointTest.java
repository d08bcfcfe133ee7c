package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IdentityProviders.UserInfoAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * The staff issuer's userinfo endpoint as the service calls it: real tokens, a real HTTP
 * endpoint (the test staff issuer's, scripted per token), no Spring context.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserInfoEndpointTest {

    private static final String ISSUER = IdentityProviders.issuerUrl(IdentityProviders.STAFF);

    private static final JwtDecoder DECODER = NimbusJwtDecoder.withIssuerLocation(ISSUER)
        .restOperations(metadataClient())
        .build();

    private static final SecurityProperties.UserInfo SETTINGS = new SecurityProperties.UserInfo(Duration.ofSeconds(2),
            Duration.ofSeconds(5), 10_000);

    @Test
    void aSlowAnswerForOneTokenHoldsUpNoOtherToken() throws Exception {
        UserInfoEndpoint endpoint = new UserInfoEndpoint(ISSUER,
                new SecurityProperties.UserInfo(Duration.ofSeconds(2), Duration.ofSeconds(10), 10_000));
        String slow = IdentityProviders.userInfoStaffToken("slow", Map.of());
        IdentityProviders.answerUserInfo(slow, new UserInfoAnswer(200, Map.of("sub", "slow"), Duration.ofSeconds(6)));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String other = IdentityProviders.userInfoStaffToken("other-" + i, Map.of());
            IdentityProviders.answerUserInfo(other, UserInfoAnswer.ok(Map.of("sub", "other-" + i)));
            others.add(other);
        }
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Map<String, Object>> slowAnswer = CompletableFuture
                .supplyAsync(() -> endpoint.claimsFor(jwt(slow)), background);
            awaitUserInfoCall(slow);

            for (int i = 0; i < others.size(); i++) {
                assertThat(endpoint.claimsFor(jwt(others.get(i)))).containsEntry("sub", "other-" + i);
            }

            assertThat(slowAnswer).as("the other tokens were answered while the slow call was still waiting")
                .isNotDone();
            assertThat(slowAnswer.get()).containsEntry("sub", "slow");
        }
        finally {
            background.shutdownNow();
        }
    }

    @Test
    void anAnswerIsKeptUntilItsTokenExpiresAndAFailureIsNotKept() throws InterruptedException {
        UserInfoEndpoint endpoint = new UserInfoEndpoint(ISSUER, SETTINGS);
        String token = IdentityProviders.token(IdentityProviders.STAFF, "short-lived", IdentityProviders.AUDIENCE,
                Map.of(), 2);
        IdentityProviders.answerUserInfo(token, new UserInfoAnswer(503, Map.of(), Duration.ZERO));
        Jwt jwt = jwt(token);

        assertThatThrownBy(() -> endpoint.claimsFor(jwt)).isInstanceOf(IdentityProviderUnavailableException.class);
        IdentityProviders.answerUserInfo(token, UserInfoAnswer.ok(Map.of("sub", "short-lived")));
        assertThat(endpoint.claimsFor(jwt)).containsEntry("sub", "short-lived");
        assertThat(endpoint.claimsFor(jwt)).containsEntry("sub", "short-lived");
        assertThat(IdentityProviders.userInfoCalls(token)).as("the failure asked again, the answer was kept")
            .isEqualTo(2);

        Thread.sleep(Duration.between(Instant.now(), jwt.getExpiresAt()).plusMillis(200).toMillis());
        endpoint.claimsFor(jwt);
        assertThat(IdentityProviders.userInfoCalls(token)).as("asked again once the token expired").isEqualTo(3);
    }

    @Test
    void aDiscoveryDocumentThatCannotBeReadIsAnOutageLoggedWithItsReason(CapturedOutput output) throws IOException {
        String token = IdentityProviders.userInfoStaffToken("discovery", Map.of());
        for (int status : new int[] { 401, 403, 404, 500 }) {
            HttpServer issuer = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            issuer.createContext("/", exchange -> {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            issuer.start();
            try {
                String location = "http://localhost:" + issuer.getAddress().getPort() + "/misconfigured-" + status;
                UserInfoEndpoint endpoint = new UserInfoEndpoint(location, SETTINGS);

                assertThatThrownBy(() -> endpoint.claimsFor(jwt(token))).as("discovery answering " + status)
                    .isInstanceOf(IdentityProviderUnavailableException.class);
                assertThat(output.getAll()).contains("WARN").contains(location).contains(Integer.toString(status));
            }
            finally {
                issuer.stop(0);
            }
        }
        assertThat(output.getAll()).doesNotContain(token);
    }

    /** The test issuer can be slow to answer its first discovery request. */
    private static RestTemplate metadataClient() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setReadTimeout(Duration.ofSeconds(10));
        return new RestTemplate(requests);
    }

    private static Jwt jwt(String token) {
        return DECODER.decode(token);
    }

    private static void awaitUserInfoCall(String token) throws InterruptedException {
        for (int waited = 0; IdentityProviders.userInfoCalls(token) == 0 && waited < 5000; waited += 10) {
            Thread.sleep(10);
        }
        assertThat(IdentityProviders.userInfoCalls(token)).isEqualTo(1);
    }

}
