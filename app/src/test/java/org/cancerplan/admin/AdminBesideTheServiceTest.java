package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.bson.Document;
import org.cancerplan.CancerPlanApplication;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.security.Caller;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The admin shell while the service runs on the embedded store: it reaches the store through the service's channel
 * (the store's file stays the service's), its commands work and are audited, and those that would need the file say
 * so in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBesideTheServiceTest extends ApiTest {

    @Autowired
    EmbeddedStore servedByTheService;

    @Autowired
    PatientService patients;

    @Autowired
    MongoTemplate mongo;

    private ConfigurableApplicationContext admin;

    private final String nhsNumber = TestNhsNumbers.next();

    @BeforeAll
    void startTheShellBesideTheService() {
        patients.register(Caller.support("setup"), List.of(new PatientRegistration(nhsNumber, "Beside", "Service",
                LocalDate.of(1960, 6, 6), "E8 1AB", "E01001711", "F84003")), null);
        admin = new SpringApplicationBuilder(CancerPlanApplication.class).profiles("admin")
                .run("--cancerplan.store.path=" + servedByTheService.file().getParent(),
                        "--cancerplan.admin.interactive=false", "--cancerplan.admin.operator=beside");
    }

    @AfterAll
    void stopTheShell() {
        admin.close();
    }

    @Test
    void supportCommandsRunThroughTheServicesChannelAndAreAudited() {
        Instant before = Instant.now();

        Run show = run("patient", "show", nhsNumber);

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Beside Service", "NHS " + nhsNumber);
        assertThat(admin.getBeanProvider(EmbeddedStore.class).getIfAvailable())
                .as("the shell has not opened the store's file").isNull();
        assertThat(mongo.find(Query.query(Criteria.where("patientNhsNumber").is(nhsNumber)
                .and("actorName").is("operator:beside").and("at").gte(before)), Document.class, "auditEvents"))
                .as("the service sees the shell's audit events").isNotEmpty();
    }

    @Test
    void aRestoreOrBackupThatNeedsTheFileSaysWhyInOneLine() {
        Path zip = servedByTheService.file().resolveSibling("nothing.zip");

        Run restore = run("store", "restore", "--from", zip.toString(), "--replace");
        Run backup = run("store", "backup", "--to", zip.toString());

        assertThat(restore.exitCode()).isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(restore.err()).startsWith("The service is running on the embedded store")
                .contains("stop the service, run the restore, then start the service");
        assertThat(backup.exitCode()).isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(backup.err()).contains("cancerplan.store.backup.directory");
        for (Run refused : List.of(restore, backup)) {
            assertThat(refused.err().lines()).hasSize(1);
        }
        assertThat(zip).doesNotExist();
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = admin.getBean(AdminRunner.class).execute(Arrays.asList(words), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
