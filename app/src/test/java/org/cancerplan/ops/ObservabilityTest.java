package org.cancerplan.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.bson.Document;
import org.cancerplan.store.BackupFile;
import org.cancerplan.store.ScheduledBackups;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Metrics, build info and the logs as an operator sees them. */
@ExtendWith(OutputCaptureExtension.class)
// its own service, so its logging is the production one: an admin shell started in the
// same JVM by an earlier test
// (AdminBesideTheServiceTest) re-initialises logging for the shell's profile
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ObservabilityTest extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String MONITORING = IdentityProviders.integrationToken("metrics:read");

    @Autowired
    ScheduledBackups backups;

    @Test
    void prometheusShowsGraphQlObservationsAndRequestsPerOperation() throws Exception {
        String patient = TestNhsNumbers.next();
        register(patient, "Metric", "Person", "metrics-correlation-1");
        as(IdentityProviders.patientToken(patient)).documentName("patient-app/MyCare").execute();

        HttpResponse<String> scrape = get("/actuator/prometheus", MONITORING);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("graphql_request_seconds_count")
            .contains("graphql_datafetcher_seconds_count")
            .containsPattern("cancerplan_graphql_operations_total\\{[^}]*caller=\"PATIENT\"[^}]*operation=\"MyCare\""
                    + "[^}]*outcome=\"ok\"[^}]*} [1-9]")
            .containsPattern("cancerplan_graphql_operations_total\\{[^}]*caller=\"INTEGRATION\"[^}]*"
                    + "operation=\"RegisterPatients\"")
            .contains("application=\"cancerplan\"");
    }

    @Test
    void theServiceBacksUpItsStoreWhileServingAndCountsTheBackups() throws Exception {
        String patient = TestNhsNumbers.next();
        register(patient, "Backed", "Up", "backup-correlation-1");

        Path zip = backups.backUp();

        try (BackupFile copy = BackupFile.open(zip)) {
            assertThat(copy.database("cancerplan")
                .getCollection("patients")
                .find(new Document("nhsNumber", patient))
                .first()).isNotNull();
        }
        assertThat(get("/actuator/prometheus", MONITORING).body())
            .containsPattern("cancerplan_store_backups_total\\{[^}]*outcome=\"ok\"[^}]*\\} [1-9]");
    }

    @Test
    void refusedRequestsAreCountedByTheirCode() throws Exception {
        as(IdentityProviders.staffToken("R1H", "R8000"))
            .document("query TooMany { neighbourhoodLeads(first: 0) { edges { node { id } } } }")
            .execute();

        assertThat(get("/actuator/prometheus", MONITORING).body()).containsPattern(
                "cancerplan_graphql_operations_total\\{[^}]*operation=\"TooMany\"[^}]*outcome=\"PAGE_SIZE_OUT_OF_RANGE\"");
    }

    @Test
    void onlyHealthIsOpenWithoutAToken() throws Exception {
        for (String path : List.of("/livez", "/readyz", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("UP");
        }
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, IdentityProviders.patientToken(TestNhsNumbers.next())).statusCode()).as(path)
                .isEqualTo(403);
            assertThat(get(path, IdentityProviders.integrationToken("reports:read")).statusCode()).as(path)
                .isEqualTo(403);
            assertThat(get(path, IdentityProviders.staffToken("R1H", "R8000")).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(get("/actuator/env", MONITORING).statusCode()).isIn(403, 404);
    }

    @Test
    void infoShowsTheBuildForMonitoringAndAdminStaff() throws Exception {
        HttpResponse<String> info = get("/actuator/info", MONITORING);

        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode build = JsonMapper.builder().build().readTree(info.body()).path("build");
        assertThat(build.path("artifact").asString()).isEqualTo("cancerplan-app");
        assertThat(build.path("version").asString()).isNotBlank();
        assertThat(get("/actuator/info", IdentityProviders.staffToken("Ada Admin", "X26", "R8013")).statusCode())
            .isEqualTo(200);
    }

    @Test
    void logsAreJsonWithTheCorrelationIdAndNoNhsNumbersOrNames(CapturedOutput output) {
        Logger commands = (Logger) LoggerFactory.getLogger("org.mongodb.driver.protocol.command");
        Level before = commands.getLevel();
        commands.setLevel(Level.DEBUG);
        String patient = TestNhsNumbers.next();
        try {
            // the driver's debug log holds whole commands: the patient's number and name
            // are in the insert
            register(patient, "Zebedee", "Quartermaine", "masking-correlation-7");
        }
        finally {
            commands.setLevel(before);
        }

        List<String> lines = output.getOut().lines().filter(line -> line.contains("masking-correlation-7")).toList();
        assertThat(lines).as("log lines of the request")
            .isNotEmpty()
            .anySatisfy(line -> assertThat(line).contains("##########").contains("***"));
        JsonMapper json = JsonMapper.builder().build();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("correlationId").asString()).isEqualTo("masking-correlation-7");
            assertThat(event.path("@timestamp").asString()).isNotBlank();
        }
        assertThat(output.getAll()).doesNotContain(patient).doesNotContain("Zebedee").doesNotContain("Quartermaine");
    }

    private void register(String nhsNumber, String given, String family, String correlationId) {
        as(IdentityProviders.integrationToken("patients:write")).mutate()
            .header("X-Correlation-Id", correlationId)
            .build()
            .documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", given, "familyName", family,
                                    "dateOfBirth", "1961-04-12"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
