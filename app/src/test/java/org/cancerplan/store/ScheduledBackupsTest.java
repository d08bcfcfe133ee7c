package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.cancerplan.support.SteppedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The service's scheduled backups of the embedded store: each readable, the oldest
 * deleted beyond {@code keep}.
 */
class ScheduledBackupsTest {

    @TempDir
    Path storeDirectory;

    @TempDir
    Path backupDirectory;

    @Test
    void eachRunWritesAReadableCopyAndOnlyTheNewestAreKept() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (EmbeddedStore store = EmbeddedStore.open(storeDirectory);
                MongoClient client = MongoClients.create(store.connectionString(""))) {
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("store", store);
            ScheduledBackups backups = new ScheduledBackups(beans.getBeanProvider(EmbeddedStore.class),
                    new BackupProperties(backupDirectory, 2, BackupProperties.DEFAULT_CRON),
                    new SteppedClock(Instant.parse("2026-11-23T01:00:00Z"), Duration.ofMinutes(1)), meters);
            Files.writeString(backupDirectory.resolve("notes.txt"), "not ours");

            for (int run = 1; run <= 3; run++) {
                client.getDatabase("cancerplan").getCollection("patients").insertOne(new Document("run", run));
                backups.backUp();
            }

            List<String> kept;
            try (Stream<Path> files = Files.list(backupDirectory)) {
                kept = files.map(file -> file.getFileName().toString()).sorted().toList();
            }
            assertThat(kept).containsExactly("cancerplan-20261123-010200.zip", "cancerplan-20261123-010300.zip",
                    "notes.txt");
            try (BackupFile newest = BackupFile.open(backupDirectory.resolve(kept.get(1)))) {
                assertThat(newest.database("cancerplan").getCollection("patients").countDocuments()).isEqualTo(3);
            }
            assertThat(meters.counter("cancerplan.store.backups", "outcome", "ok").count()).isEqualTo(3);
        }
    }

    @Test
    void aBackupDirectoryWithMongoDbIsAStartUpError() {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        assertThatThrownBy(() -> new ScheduledBackups(none.getBeanProvider(EmbeddedStore.class),
                new BackupProperties(backupDirectory, 7, BackupProperties.DEFAULT_CRON), Clock.systemUTC(),
                new SimpleMeterRegistry()))
            .hasMessageContaining("the store is MongoDB");
    }

}
