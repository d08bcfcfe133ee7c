package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlResponses;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * Outside the local mode there is no authorization server, no GraphiQL and no
 * introspection.
 */
class ProductionModeTest extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thereIsNoTokenEndpoint() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/patient/oauth2/token")))
            .header("Authorization", "Basic YWxleDpkZW1vLWFsZXg=")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isIn(401, 403, 404);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void graphiqlIsOff() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/graphiql"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void introspectionIsOffEvenWithAValidToken() {
        Response response = as(IdentityProviders.staffToken("R1H", "R8000")).document("{ __schema { types { name } } }")
            .execute();

        assertThat(GraphQlResponses.errorsOf(response)).isNotEmpty();
        assertThat(json(response)).doesNotContain("registerPatients");
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url("/actuator/health/liveness"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void readinessIsUpWhenTheStoreAnswers() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> overall = HTTP.send(
                HttpRequest.newBuilder(URI.create(url("/actuator/health"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // the embedded store answers ping (Boot's own MongoDB check sends hello, which it
        // does not know)
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(overall.statusCode()).isEqualTo(200);
        assertThat(overall.body()).contains("\"status\":\"UP\"");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

}
