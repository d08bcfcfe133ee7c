package org.cancerplan.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class AccessLogTest extends ApiTest {

    private static final String LOG = Contract.operation("patient-app/MyAccessLog");

    @Autowired
    MongoTemplate mongo;

    @Test
    void thePatientSeesWhoElseReadOrChangedTheirRecordNewestFirst() {
        String nhsNumber = register("Original");
        read(nhsNumber, "Dr Ada Okoro", "R1H");
        update(nhsNumber);
        String patient = IdentityProviders.patientToken(nhsNumber);
        graphql.post(patient, "{ me { nhsNumber } }");

        Response log = graphql.post(patient, LOG, Contract.variables("patient-app/MyAccessLog"));

        JsonNode edges = log.data("me/accessLog/edges");
        assertThat(edges).hasSize(3);
        assertThat(edges.get(0).at("/node/action").asString()).isEqualTo("PATIENT_UPDATED");
        assertThat(edges.get(0).at("/node/actor/kind").asString()).isEqualTo("INTEGRATION");
        assertThat(edges.get(1).at("/node/action").asString()).isEqualTo("PATIENT_READ");
        assertThat(edges.get(1).at("/node/actor/name").asString()).isEqualTo("Dr Ada Okoro");
        assertThat(edges.get(1).at("/node/actor/organisation").asString()).isEqualTo("R1H");
        assertThat(edges.get(2).at("/node/action").asString()).isEqualTo("PATIENT_REGISTERED");
        assertThat(log.data("me/accessLog/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void theLogPagesWithCursors() {
        String nhsNumber = register("Paged");
        read(nhsNumber, "Dr One", "R1H");
        read(nhsNumber, "Dr Two", "RQX");
        String patient = IdentityProviders.patientToken(nhsNumber);

        Response first = graphql.post(patient, LOG, Map.of("first", 2));
        String cursor = first.data("me/accessLog/pageInfo/endCursor").asString();
        Response second = graphql.post(patient, LOG, Map.of("first", 2, "after", cursor));

        assertThat(names(first)).containsExactly("Dr Two", "Dr One");
        assertThat(first.data("me/accessLog/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(second.data("me/accessLog/edges/0/node/action").asString()).isEqualTo("PATIENT_REGISTERED");
        assertThat(second.data("me/accessLog/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void aCursorHarvestedFromAnotherPatientsLogShowsOnlyTheCallersOwnLog() {
        String victim = register("Victim");
        read(victim, "Dr Harvested", "R1H");
        String cursor = graphql.post(IdentityProviders.patientToken(victim), LOG, Map.of("first", 1))
                .data("me/accessLog/pageInfo/endCursor").asString();
        String attacker = register("Attacker");

        Response response = graphql.post(IdentityProviders.patientToken(attacker), LOG,
                Map.of("first", 100, "after", cursor));

        assertThat(response.body().toString()).doesNotContain("Dr Harvested");
    }

    @Test
    void staffCannotReadAPatientsAccessLog() {
        String nhsNumber = register("Private");

        Response response = graphql.post(IdentityProviders.staffToken("R1H", "R8000"),
                "query($n: NhsNumber!) { patient(nhsNumber: $n) { accessLog { edges { node { action } } } } }",
                Map.of("n", nhsNumber));

        assertThat(response.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(response.body().toString()).doesNotContain("PATIENT_REGISTERED");
    }

    @Test
    void badPagingArgumentsAreBadRequestsNotServerErrors() {
        String patient = IdentityProviders.patientToken(register("Bad"));

        Response negative = graphql.post(patient, LOG, Map.of("first", -1));
        Response garbage = graphql.post(patient, LOG, Map.of("first", 5, "after", "not-a-cursor!"));

        assertThat(negative.firstErrorClassification()).as(negative.body().toString()).isEqualTo("BAD_REQUEST");
        assertThat(garbage.firstErrorClassification()).as(garbage.body().toString()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void theAuditTrailHasNoUpdateOrDeletePath() {
        assertThat(AuditEventRepository.class.getInterfaces())
                .containsExactly(org.springframework.data.repository.Repository.class);
        assertThat(List.of(AuditEventRepository.class.getDeclaredMethods()))
                .allSatisfy(method -> assertThat(method.getName()).startsWith("find"));
        assertThat(List.of(AuditLog.class.getMethods()))
                .noneSatisfy(method -> assertThat(method.getName()).containsAnyOf("delete", "remove", "update"));
    }

    private String register(String familyName) {
        String nhsNumber = TestNhsNumbers.next();
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Log",
                "familyName", familyName, "dateOfBirth", "1970-01-01"));
        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"),
                Map.of("input", Map.of("patients", List.of(record))));
        assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        return nhsNumber;
    }

    private void read(String nhsNumber, String staffName, String organisation) {
        Response response = graphql.post(IdentityProviders.staffToken(staffName, organisation, "R8000"),
                "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }", Map.of("n", nhsNumber));
        assertThat(response.hasErrors()).isFalse();
    }

    private void update(String nhsNumber) {
        Map<String, Object> record = Map.of("nhsNumber", nhsNumber, "givenName", "Log", "familyName", "Changed",
                "dateOfBirth", "1970-01-01");
        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"),
                Map.of("input", Map.of("patients", List.of(record))));
        assertThat(response.data("registerPatients/updated").asInt()).isEqualTo(1);
    }

    private static List<String> names(Response response) {
        return response.data("me/accessLog/edges").valueStream().map(e -> e.at("/node/actor/name").asString())
                .toList();
    }
}
