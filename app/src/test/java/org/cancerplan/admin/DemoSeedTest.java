package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.cancerplan.local.DemoCommands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code demo seed} in the local mode, as {@code ./ops/admin --local demo seed ...} runs
 * it (batches run in parallel).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "cancerplan.admin.interactive=false", "cancerplan.admin.operator=jsmith", "server.port=0" })
@ActiveProfiles({ "local", "admin" })
class DemoSeedTest {

    private static final Path store = temporaryDirectory();

    @Autowired
    AdminRunner runner;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("cancerplan.store.path", store::toString);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cancerplan-demo-seed-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void seedsEveryPatientAndPlanWithLeadsOfAHundredAndTheCohortOnce() throws IOException {
        Path cohort = store.resolve("cohort.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = runner.execute(
                List.of("demo", "seed", "--patients", "1201", "--plans", "250", "--cohort-file", cohort.toString()),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1,201 synthetic patients (1,201 new), 250 plans opened; cohort written");
        List<String> numbers = DemoCommands.syntheticNhsNumbers(1201);
        assertThat(mongo.getCollection("patients").distinct("nhsNumber", String.class).into(new ArrayList<>()))
            .containsAll(numbers);
        assertThat(mongo.getCollection("cancerPlans")
            .countDocuments(new Document("patientNhsNumber", new Document("$in", numbers.subList(0, 250)))))
            .isEqualTo(250);
        assertThat(mongo.getCollection("cancerPlans")
            .countDocuments(
                    new Document("patientNhsNumber", new Document("$in", numbers.subList(250, numbers.size())))))
            .isZero();
        for (int n = 1; n <= 3; n++) {
            Document lead = mongo.getCollection("neighbourhoodLeads")
                .find(new Document("name", "Demo Lead " + n))
                .first();
            assertThat(lead).as("Demo Lead " + n).isNotNull();
            assertThat(mongo.getCollection("cancerPlans")
                .countDocuments(new Document("neighbourhoodLead.leadId", lead.get("_id").toString())))
                .isEqualTo(n < 3 ? 100 : 50);
        }
        List<String> rows = Files.readAllLines(cohort);
        assertThat(rows).hasSize(1202);
        assertThat(rows.get(1201)).startsWith("DEMO-BOWEL-1200," + numbers.get(1200) + ",BOWEL,");
    }

}
