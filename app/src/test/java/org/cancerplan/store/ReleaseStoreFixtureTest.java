package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.bson.Document;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts on a store written by release 0.1.0
 * (src/test/resources/store/release-0.1.0: documents and unique-index keys in that
 * release's encoding) and answers from it as it answered then: the records read back
 * whole, every declared index is built and agrees with a full scan, and writes work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReleaseStoreFixtureTest {

    private static final String PATIENT_0 = "9990000018";

    private static final Path STORE = copyOfFixture();

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cancerplan.store.path", STORE::toString);
        registry.add("cancerplan.store.embedded", () -> "true");
        registry.add("cancerplan.graphql.trusted-documents", () -> "off");
        registry.add("cancerplan.rate-limit.enabled", () -> "false");
    }

    @Test
    void everyCollectionReadsBackAsWritten() {
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(12);
        assertThat(mongo.getCollection("cancerPlans").countDocuments()).isEqualTo(4);
        assertThat(mongo.getCollection("screeningInvitations").countDocuments()).isEqualTo(12);
        assertThat(mongo.getCollection("neighbourhoodLeads").countDocuments()).isEqualTo(1);
        assertThat(mongo.getCollection("auditEvents").countDocuments()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void thePatientAndTheCareTeamSeeTheRecordOfThatRelease() {
        Response myCare = as(IdentityProviders.patientToken(PATIENT_0)).documentName("patient-app/MyCare").execute();
        myCare.path("me.familyName").entity(String.class).isEqualTo("Patient 0");
        // the plan is a draft, not shown to the patient
        myCare.path("me.cancerPlan")
            .valueIsNull()
            .path("me.screeningInvitations.edges")
            .entityList(Object.class)
            .hasSize(1)
            .path("me.screeningInvitations.edges[0].node.programme")
            .entity(String.class)
            .isEqualTo("BOWEL");

        Response record = as(IdentityProviders.staffToken("R1H", "R8000")).documentName("staff/PatientRecord")
            .variable("nhsNumber", PATIENT_0)
            .execute();
        record.path("patient.familyName")
            .entity(String.class)
            .isEqualTo("Patient 0")
            .path("patient.cancerPlan.diagnosis.cancerType.code")
            .entity(String.class)
            .isEqualTo("C18.7")
            .path("patient.cancerPlan.neighbourhoodLead.lead.name")
            .entity(String.class)
            .isEqualTo("Demo Lead 1")
            .path("patient.screeningInvitations.edges")
            .entityList(Object.class)
            .hasSize(1);
    }

    @Test
    void theIndexesAreBuiltFromTheDocumentsAndAgreeWithAScan() {
        for (String nhsNumber : mongo.findDistinct(new Query(), "nhsNumber", "patients", String.class)) {
            Query byPatient = Query.query(Criteria.where("patientNhsNumber").is(nhsNumber));
            assertThat(mongo.find(byPatient, Document.class, "screeningInvitations"))
                .hasSize(scanCount("screeningInvitations", nhsNumber))
                .isNotEmpty();
            assertThat(mongo.find(byPatient, Document.class, "auditEvents"))
                .hasSize(scanCount("auditEvents", nhsNumber));
            assertThat(mongo.find(byPatient, Document.class, "cancerPlans"))
                .hasSize(scanCount("cancerPlans", nhsNumber));
        }
    }

    @Test
    void writesWorkAndTheUniqueIndexesStillHold() {
        String clinician = IdentityProviders.staffToken("R1H", "R8000");
        Response record = as(clinician).documentName("staff/PatientRecord").variable("nhsNumber", PATIENT_0).execute();
        long version = record.path("patient.cancerPlan.version").entity(Long.class).get();
        Response recorded = as(clinician).documentName("staff/RecordPathwayEvent")
            .variable("input",
                    Map.of("planId", record.path("patient.cancerPlan.id").entity(String.class).get(), "expectedVersion",
                            version, "event", "DIAGNOSIS_COMMUNICATED", "on", LocalDate.now().toString()))
            .execute();
        recorded.path("recordPathwayEvent.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("recordPathwayEvent.plan.version")
            .entity(Long.class)
            .isEqualTo(version + 1);

        Document copy = mongo.findOne(Query.query(Criteria.where("nhsNumber").is(PATIENT_0)), Document.class,
                "patients");
        copy.remove("_id");
        assertThatThrownBy(() -> mongo.insert(copy, "patients")).isInstanceOf(DuplicateKeyException.class);
    }

    private HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(GraphQlTesters.http(port), token);
    }

    private int scanCount(String collection, String nhsNumber) {
        int count = 0;
        for (Document document : mongo.findAll(Document.class, collection)) {
            count += nhsNumber.equals(document.get("patientNhsNumber")) ? 1 : 0;
        }
        return count;
    }

    private static Path copyOfFixture() {
        try (InputStream fixture = ReleaseStoreFixtureTest.class
            .getResourceAsStream("/store/release-0.1.0/cancerplan.mv.db")) {
            Path directory = Files.createTempDirectory("cancerplan-release-store");
            Files.copy(fixture, directory.resolve("cancerplan.mv.db"));
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
