package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.security.Caller;
import org.cancerplan.store.BackupFile;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code store backup} and {@code store restore} on the embedded store, through the admin
 * runner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "cancerplan.admin.interactive=false", "cancerplan.admin.operator=jsmith" })
@ActiveProfiles("admin")
class StoreBackupTest {

    private static final Path store = temporaryDirectory("cancerplan-backup-test-store");

    private static final Path backups = temporaryDirectory("cancerplan-backup-test-files");

    @Autowired
    AdminRunner runner;

    @Autowired
    PatientService patients;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("cancerplan.store.path", store::toString);
    }

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void aBackupRestoresTheStoreAsItWasAndTheReplacedContentsAreKept() throws Exception {
        String kept = register();
        Instant start = Instant.now();
        Path zip = backups.resolve("monday.zip");
        Run backup = run("store", "backup", "--to", zip.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("Backed up", "the copy opens and reads back");
        assertThat(zip).isRegularFile();
        assertThat(events(StoreBackupCommands.BACKED_UP, start)).isOne();

        String later = register();
        mongo.remove(Query.query(Criteria.where("nhsNumber").is(kept)), "patients");
        Run refused = run("store", "restore", "--from", zip.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("add --replace");
        assertThat(patient(later)).as("a refused restore changes nothing").isNotNull();

        Run restore = run("store", "restore", "--from", zip.toString(), "--replace");

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(patient(kept)).as("restored").isNotNull();
        assertThat(patient(later)).as("written after the backup").isNull();
        assertThat(mongo.getCollection("patients")
            .listIndexes()
            .map(index -> index.getString("name"))
            .into(new ArrayList<>())).as("indexes restored too").hasSizeGreaterThan(1);
        assertThat(events(StoreBackupCommands.BACKED_UP, start)).as("the backup holds its own audit event").isOne();
        assertThat(events(StoreBackupCommands.RESTORED, start)).isOne();
        Path saved;
        try (Stream<Path> files = Files.list(store)) {
            saved = files.filter(f -> f.getFileName().toString().startsWith("before-restore-"))
                .findFirst()
                .orElseThrow();
        }
        assertThat(restore.out()).contains(saved.toString());
        try (BackupFile before = BackupFile.open(saved)) {
            assertThat(before.database("cancerplan")
                .getCollection("patients")
                .find(new Document("nhsNumber", later))
                .first()).as("the replaced contents are kept").isNotNull();
        }
    }

    @Test
    void aBackupWhileWritesGoOnIsConsistentAndHoldsWhatWasWrittenBefore() throws Exception {
        String before = register();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
            int written = 0;
            while (writing.get()) {
                mongo.insert(new Document("n", written++).append("padding", "x".repeat(2_000)), "backupLoad");
            }
            return written;
        }, writerThread);
        Path zip = backups.resolve("busy.zip");
        Run backup;
        try {
            while (mongo.getCollection("backupLoad").countDocuments() < 200) {
                Thread.onSpinWait();
            }
            backup = run("store", "backup", "--to", zip.toString());
        }
        finally {
            writing.set(false);
        }
        int written = writer.get();
        writerThread.shutdown();

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        try (BackupFile copy = BackupFile.open(zip)) {
            var load = copy.database("cancerplan").getCollection("backupLoad");
            long copied = load.countDocuments();
            assertThat(copied).isBetween(200L, (long) written);
            List<Integer> numbers = load.find().map(d -> d.getInteger("n")).into(new ArrayList<>());
            assertThat(numbers).as("a prefix of the writes, no gaps")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, (int) copied).boxed().toList());
            assertThat(copy.database("cancerplan")
                .getCollection("patients")
                .find(new Document("nhsNumber", before))
                .first()).isNotNull();
        }
    }

    @Test
    void badFilesAreRefusedWithTheirReason() throws Exception {
        Path notAZip = Files.writeString(backups.resolve("notes.txt"), "not a backup");
        Path existing = Files.writeString(backups.resolve("taken.zip"), "");

        Path empty = backups.resolve("empty.zip");
        try (EmbeddedStore nothing = EmbeddedStore.open(backups.resolve("empty-store"))) {
            nothing.backupTo(empty);
        }
        long patientsBefore = mongo.getCollection("patients").countDocuments();

        Run nothingInIt = run("store", "restore", "--from", empty.toString(), "--replace");
        Run missing = run("store", "restore", "--from", backups.resolve("none.zip").toString(), "--replace");
        Run garbage = run("store", "restore", "--from", notAZip.toString(), "--replace");
        Run overwrite = run("store", "backup", "--to", existing.toString());
        Run noDirectory = run("store", "backup", "--to", backups.resolve("no/such/dir.zip").toString());

        assertThat(nothingInIt.exitCode()).isEqualTo(2);
        assertThat(nothingInIt.err()).contains("holds no collections of the database 'cancerplan'");
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(patientsBefore);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(garbage.exitCode()).isEqualTo(2);
        assertThat(garbage.err()).contains("is not a backup of the embedded store");
        assertThat(overwrite.exitCode()).isEqualTo(2);
        assertThat(overwrite.err()).contains("already exists");
        assertThat(Files.size(existing)).isZero();
        assertThat(noDirectory.exitCode()).isEqualTo(3);
        for (Run run : List.of(nothingInIt, missing, garbage, overwrite, noDirectory)) {
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private String register() {
        String nhsNumber = TestNhsNumbers.next();
        patients.register(Caller.support("setup"), List.of(new PatientRegistration(nhsNumber, "Bea", "Backup",
                LocalDate.of(1960, 1, 1), "E8 1AB", "E01001711", "F84003")), null);
        return nhsNumber;
    }

    private Document patient(String nhsNumber) {
        return mongo.getCollection("patients").find(new Document("nhsNumber", nhsNumber)).first();
    }

    private long events(String action, Instant since) {
        return mongo.count(Query
            .query(Criteria.where("action").is(action).and("actorName").is("operator:jsmith").and("at").gte(since)),
                "auditEvents");
    }

    private Run run(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runner.execute(Arrays.asList(words), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
