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
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts on a store written by release 0.1.0 (src/test/resources/store/release-0.1.0: documents and
 * unique-index keys in that release's encoding) and answers from it as it answered then:
 * the records read back whole, every declared index is built and agrees with a full scan, and writes work.
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
        GraphQlHttp graphql = new GraphQlHttp(port);
        Response myCare = graphql.post(IdentityProviders.patientToken(PATIENT_0), Contract.operation("patient-app/MyCare"),
                Map.of());
        assertThat(myCare.hasErrors()).as(myCare.body().toString()).isFalse();
        assertThat(myCare.data("me/familyName").asString()).isEqualTo("Patient 0");
        assertThat(myCare.data("me/cancerPlan").isNull()).as("the plan is a draft, not shown to the patient").isTrue();
        assertThat(myCare.data("me/screeningInvitations/edges")).hasSize(1);
        assertThat(myCare.data("me/screeningInvitations/edges/0/node/programme").asString()).isEqualTo("BOWEL");

        Response record = graphql.post(IdentityProviders.staffToken("R1H", "R8000"),
                Contract.operation("staff/PatientRecord"), Map.of("nhsNumber", PATIENT_0));
        assertThat(record.hasErrors()).as(record.body().toString()).isFalse();
        assertThat(record.data("patient/familyName").asString()).isEqualTo("Patient 0");
        assertThat(record.data("patient/cancerPlan/diagnosis/cancerType/code").asString()).isEqualTo("C18.7");
        assertThat(record.data("patient/cancerPlan/neighbourhoodLead/lead/name").asString()).isEqualTo("Demo Lead 1");
        assertThat(record.data("patient/screeningInvitations/edges")).hasSize(1);
    }

    @Test
    void theIndexesAreBuiltFromTheDocumentsAndAgreeWithAScan() {
        for (String nhsNumber : mongo.findDistinct(new Query(), "nhsNumber", "patients", String.class)) {
            Query byPatient = Query.query(Criteria.where("patientNhsNumber").is(nhsNumber));
            assertThat(mongo.find(byPatient, Document.class, "screeningInvitations"))
                    .hasSize(scanCount("screeningInvitations", nhsNumber)).isNotEmpty();
            assertThat(mongo.find(byPatient, Document.class, "auditEvents"))
                    .hasSize(scanCount("auditEvents", nhsNumber));
            assertThat(mongo.find(byPatient, Document.class, "cancerPlans"))
                    .hasSize(scanCount("cancerPlans", nhsNumber));
        }
    }

    @Test
    void writesWorkAndTheUniqueIndexesStillHold() {
        GraphQlHttp graphql = new GraphQlHttp(port);
        String clinician = IdentityProviders.staffToken("R1H", "R8000");
        Response record = graphql.post(clinician, Contract.operation("staff/PatientRecord"),
                Map.of("nhsNumber", PATIENT_0));
        long version = record.data("patient/cancerPlan/version").asLong();
        Response recorded = graphql.post(clinician, Contract.operation("staff/RecordPathwayEvent"),
                Map.of("input", Map.of("planId", record.data("patient/cancerPlan/id").asString(),
                        "expectedVersion", version,
                        "event", "DIAGNOSIS_COMMUNICATED", "on", LocalDate.now().toString())));
        assertThat(recorded.data("recordPathwayEvent/errors")).as(recorded.body().toString()).isEmpty();
        assertThat(recorded.data("recordPathwayEvent/plan/version").asLong()).isEqualTo(version + 1);

        Document copy = mongo.findOne(Query.query(Criteria.where("nhsNumber").is(PATIENT_0)), Document.class,
                "patients");
        copy.remove("_id");
        assertThatThrownBy(() -> mongo.insert(copy, "patients")).isInstanceOf(DuplicateKeyException.class);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
