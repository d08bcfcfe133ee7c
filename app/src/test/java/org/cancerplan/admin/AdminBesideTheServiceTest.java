package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.cancerplan.CancerPlanApplication;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.security.Caller;
import org.cancerplan.store.BackupFile;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.store.ServiceBackup;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
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
 * The admin shell while the service runs on the embedded store: it reaches the store
 * through the service's channel (the store's file stays the service's), its commands work
 * and are audited, the service writes the backups it asks for, and a restore, which would
 * need the file, says so in one line.
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

    private final Path backups = temporaryDirectory();

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
            .as("the shell has not opened the store's file")
            .isNull();
        assertThat(mongo.find(Query.query(Criteria.where("patientNhsNumber")
            .is(nhsNumber)
            .and("actorName")
            .is("operator:beside")
            .and("at")
            .gte(before)), Document.class, "auditEvents")).as("the service sees the shell's audit events").isNotEmpty();
    }

    @Test
    void storeStatsShowsTheSizesThatTheServicesStoreReadsFromItsFile() {
        Run stats = run("store", "stats");

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        String bytes = "[0-9.]+ [KMG]?B";
        assertThat(stats.out().lines())
            .anySatisfy(line -> assertThat(line)
                .matches("patients +[0-9,]+ documents  " + bytes + " data  " + bytes + " stored  " + bytes + " indexes")
                .doesNotContain(" 0 B"))
            .anySatisfy(line -> assertThat(line)
                .matches("database: " + bytes + " data  " + bytes + " stored  " + bytes + " indexes"));
    }

    @Test
    void aRestoreThatNeedsTheFileSaysWhyInOneLine() {
        Path zip = servedByTheService.file().resolveSibling("nothing.zip");

        Run restore = run("store", "restore", "--from", zip.toString(), "--replace");

        assertThat(restore.exitCode()).isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(restore.err()).startsWith("The service is running on the embedded store")
            .contains("stop the service, run the restore, then start the service");
        assertThat(restore.err().lines()).hasSize(1);
    }

    @Test
    void theServiceWritesABackupForTheShellThatHoldsWhatWasWrittenJustBefore() throws Exception {
        String writtenJustBefore = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", writtenJustBefore, "givenName", "Just", "familyName", "Before",
                                    "dateOfBirth", "1961-02-03"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        Instant before = Instant.now();
        Path zip = backups.resolve("before-upgrade.zip");

        Run backup = run("store", "backup", "--to", zip.toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up", zip.toString(), "the copy opens and reads back");
        assertThat(zip.resolveSibling("before-upgrade.zip.partial")).doesNotExist();
        try (BackupFile copy = BackupFile.open(zip)) {
            MongoDatabase database = copy.database("cancerplan");
            assertThat(database.getCollection("patients").find(new Document("nhsNumber", writtenJustBefore)).first())
                .as("the patient registered through the API just before")
                .isNotNull();
            assertThat(database.getCollection("auditEvents")
                .countDocuments(Filters.and(Filters.eq("action", StoreBackupCommands.BACKED_UP),
                        Filters.eq("actorName", "operator:beside"), Filters.gte("at", before))))
                .as("the copy holds its own audit event")
                .isOne();
        }
    }

    @Test
    void anExistingFileOrAMissingDirectoryIsRefusedAsWithoutTheService() throws Exception {
        Path existing = Files.writeString(backups.resolve("taken.zip"), "");

        Run overwrite = run("store", "backup", "--to", existing.toString());
        Run noDirectory = run("store", "backup", "--to", backups.resolve("no/such/dir.zip").toString());

        assertThat(overwrite.exitCode()).isEqualTo(AdminFailure.BAD_USAGE);
        assertThat(overwrite.err()).isEqualTo(existing + " already exists; give a new file name\n");
        assertThat(Files.size(existing)).isZero();
        assertThat(noDirectory.exitCode()).isEqualTo(AdminFailure.NOT_FOUND);
        assertThat(noDirectory.err()).isEqualTo("No such directory: " + backups.resolve("no/such") + "\n");
    }

    @Test
    void onlyAnAuthenticatedChannelClientMayAskTheServiceForABackup() {
        Path unasked = backups.resolve("unauthenticated.zip");
        Document command = new Document("cancerplanBackup", 1).append("to", unasked.toString());
        String address = servedByTheService.channel().address();

        try (MongoClient anonymous = MongoClients.create("mongodb://" + address + "/?serverSelectionTimeoutMS=5000")) {
            assertThatThrownBy(() -> anonymous.getDatabase("admin").runCommand(command)).isInstanceOfSatisfying(
                    MongoCommandException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(13));
        }
        assertThat(unasked).doesNotExist();

        try (MongoClient authenticated = MongoClients.create(servedByTheService.connectionString("admin"))) {
            MongoDatabase admin = authenticated.getDatabase("admin");
            assertThat(admin.runCommand(command).get("bytes", Number.class).longValue()).isPositive();
            assertThat(unasked).isRegularFile();
            assertThatThrownBy(() -> admin.runCommand(new Document("cancerplanBackup", 1).append("to", "relative.zip")))
                .as("the service writes only to an absolute path")
                .isInstanceOfSatisfying(MongoCommandException.class,
                        refused -> assertThat(refused.getErrorCode()).isEqualTo(ServiceBackup.BAD_TARGET));
            assertThatThrownBy(() -> admin.runCommand(command)).as("nor over an existing file")
                .isInstanceOfSatisfying(MongoCommandException.class,
                        refused -> assertThat(refused.getErrorCode()).isEqualTo(ServiceBackup.BAD_TARGET));
        }
    }

    @Test
    void aServiceOfAnEarlierReleaseThatDoesNotKnowTheCommandIsNamedInOneLine() {
        MongoServer earlierRelease = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(earlierRelease.bindAndGetConnectionString())) {
            Path zip = backups.resolve("earlier.zip");

            assertThatThrownBy(() -> StoreBackupCommands.askTheService(client.getDatabase("admin"), zip))
                .isInstanceOfSatisfying(AdminFailure.class,
                        failure -> assertThat(failure.exitCode()).isEqualTo(AdminFailure.BAD_USAGE))
                .hasMessageContaining("earlier release")
                .hasMessageContaining("cancerplan.store.backup.directory");
            assertThat(zip).doesNotExist();
        }
        finally {
            earlierRelease.shutdownNow();
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cancerplan-beside-backups");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run run(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = admin.getBean(AdminRunner.class)
            .execute(Arrays.asList(words), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

}
