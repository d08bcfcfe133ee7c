package org.cancerplan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.repository.Repository;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class AccessLogTest extends ApiTest {

    private static final String LOG = "patient-app/MyAccessLog";

    @Autowired
    MongoTemplate mongo;

    @Test
    void thePatientSeesWhoElseReadOrChangedTheirRecordNewestFirst() {
        String nhsNumber = register("Original");
        read(nhsNumber, "Dr Ada Okoro", "R1H");
        update(nhsNumber);
        String patient = IdentityProviders.patientToken(nhsNumber);
        as(patient).document("{ me { nhsNumber } }").execute();

        Response log = as(patient).documentName(LOG).variables(Contract.variables("patient-app/MyAccessLog")).execute();

        log.path("me.accessLog.edges")
            .entityList(Object.class)
            .hasSize(3)
            .path("me.accessLog.edges[0].node.action")
            .entity(String.class)
            .isEqualTo("PATIENT_UPDATED")
            .path("me.accessLog.edges[0].node.actor.kind")
            .entity(String.class)
            .isEqualTo("INTEGRATION")
            .path("me.accessLog.edges[1].node.action")
            .entity(String.class)
            .isEqualTo("PATIENT_READ")
            .path("me.accessLog.edges[1].node.actor.name")
            .entity(String.class)
            .isEqualTo("Dr Ada Okoro")
            .path("me.accessLog.edges[1].node.actor.organisation")
            .entity(String.class)
            .isEqualTo("R1H")
            .path("me.accessLog.edges[2].node.action")
            .entity(String.class)
            .isEqualTo("PATIENT_REGISTERED")
            .path("me.accessLog.pageInfo.hasNextPage")
            .entity(Boolean.class)
            .isEqualTo(false);
    }

    @Test
    void theLogPagesWithCursors() {
        String nhsNumber = register("Paged");
        read(nhsNumber, "Dr One", "R1H");
        read(nhsNumber, "Dr Two", "RQX");
        String patient = IdentityProviders.patientToken(nhsNumber);

        Response first = as(patient).documentName(LOG).variable("first", 2).execute();
        String cursor = first.path("me.accessLog.pageInfo.endCursor").entity(String.class).get();
        Response second = as(patient).documentName(LOG).variable("first", 2).variable("after", cursor).execute();

        first.path("me.accessLog.edges[*].node.actor.name")
            .entityList(String.class)
            .containsExactly("Dr Two", "Dr One")
            .path("me.accessLog.pageInfo.hasNextPage")
            .entity(Boolean.class)
            .isEqualTo(true);
        second.path("me.accessLog.edges[0].node.action")
            .entity(String.class)
            .isEqualTo("PATIENT_REGISTERED")
            .path("me.accessLog.pageInfo.hasNextPage")
            .entity(Boolean.class)
            .isEqualTo(false);
    }

    @Test
    void aCursorHarvestedFromAnotherPatientsLogShowsOnlyTheCallersOwnLog() {
        String victim = register("Victim");
        read(victim, "Dr Harvested", "R1H");
        String cursor = as(IdentityProviders.patientToken(victim)).documentName(LOG)
            .variable("first", 1)
            .execute()
            .path("me.accessLog.pageInfo.endCursor")
            .entity(String.class)
            .get();
        String attacker = register("Attacker");

        Response response = as(IdentityProviders.patientToken(attacker)).documentName(LOG)
            .variable("first", 100)
            .variable("after", cursor)
            .execute();

        assertThat(json(response)).doesNotContain("Dr Harvested");
    }

    @Test
    void staffCannotReadAPatientsAccessLog() {
        String nhsNumber = register("Private");

        Response response = as(IdentityProviders.staffToken("R1H", "R8000"))
            .document(
                    "query($n: NhsNumber!) { " + "patient(nhsNumber: $n) { accessLog { edges { node { action } } } } }")
            .variable("n", nhsNumber)
            .execute();

        assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(json(response)).doesNotContain("PATIENT_REGISTERED");
    }

    @Test
    void badPagingArgumentsAreBadRequestsNotServerErrors() {
        String patient = IdentityProviders.patientToken(register("Bad"));

        Response negative = as(patient).documentName(LOG).variable("first", -1).execute();
        Response garbage = as(patient).documentName(LOG)
            .variable("first", 5)
            .variable("after", "not-a-cursor!")
            .execute();

        assertThat(firstError(negative).getExtensions()).containsEntry("classification", "BAD_REQUEST");
        assertThat(firstError(garbage).getExtensions()).containsEntry("classification", "BAD_REQUEST");
    }

    @Test
    void theAuditTrailHasNoUpdateOrDeletePath() {
        assertThat(AuditEventRepository.class.getInterfaces()).containsExactly(Repository.class);
        assertThat(List.of(AuditEventRepository.class.getDeclaredMethods()))
            .allSatisfy(method -> assertThat(method.getName()).startsWith("find"));
        assertThat(List.of(AuditLog.class.getMethods()))
            .noneSatisfy(method -> assertThat(method.getName()).containsAnyOf("delete", "remove", "update"));
    }

    private String register(String familyName) {
        String nhsNumber = TestNhsNumbers.next();
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Log", "familyName",
                familyName, "dateOfBirth", "1970-01-01"));
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input", Map.of("patients", List.of(record)))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        return nhsNumber;
    }

    private void read(String nhsNumber, String staffName, String organisation) {
        as(IdentityProviders.staffToken(staffName, organisation, "R8000"))
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }")
            .variable("n", nhsNumber)
            .execute()
            .errors()
            .verify();
    }

    private void update(String nhsNumber) {
        Map<String, Object> record = Map.of("nhsNumber", nhsNumber, "givenName", "Log", "familyName", "Changed",
                "dateOfBirth", "1970-01-01");
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input", Map.of("patients", List.of(record)))
            .execute()
            .path("registerPatients.updated")
            .entity(Integer.class)
            .isEqualTo(1);
    }

}
