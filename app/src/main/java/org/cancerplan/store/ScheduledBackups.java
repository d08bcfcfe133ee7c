package org.cancerplan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.shared.England;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Backs up the embedded store while the service runs, into
 * {@code cancerplan.store.backup.directory}, keeping the newest {@code keep} files. Each
 * run is counted in {@code cancerplan.store.backups{outcome}} so a failing backup can
 * raise an alert.
 */
@Component
@Profile("!admin")
@ConditionalOnProperty("cancerplan.store.backup.directory")
public class ScheduledBackups {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static final String PREFIX = "cancerplan-";

    private final EmbeddedStore store;

    private final BackupProperties settings;

    private final Clock clock;

    private final MeterRegistry meters;

    ScheduledBackups(ObjectProvider<EmbeddedStore> store, BackupProperties settings, Clock clock,
            MeterRegistry meters) {
        this.store = store.getIfAvailable();
        if (this.store == null) {
            throw new IllegalStateException("cancerplan.store.backup.directory is set but the store is MongoDB "
                    + "(spring.mongodb.uri): back MongoDB up with mongodump or snapshots, and unset the directory");
        }
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(cron = "${cancerplan.store.backup.cron:" + BackupProperties.DEFAULT_CRON + "}", zone = England.TIME_ZONE)
    void scheduled() {
        try {
            backUp();
        }
        catch (RuntimeException failure) {
            log.error("Backup of the embedded store failed: {}", failure.getMessage(), failure);
        }
    }

    /**
     * Takes one backup and deletes the oldest beyond {@code keep}; returns the new file.
     */
    public Path backUp() {
        boolean done = false;
        try {
            Files.createDirectories(settings.directory());
            Path zip = settings.directory().resolve(PREFIX + LocalDateTime.now(clock).format(STAMP) + ".zip");
            long started = System.nanoTime();
            long bytes = store.backupTo(zip);
            log.info("Backed up the embedded store to {} ({} KB) in {} ms", zip, bytes / 1024,
                    (System.nanoTime() - started) / 1_000_000);
            deleteBeyondKeep();
            done = true;
            return zip;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            meters.counter("cancerplan.store.backups", "outcome", done ? "ok" : "failed").increment();
        }
    }

    private void deleteBeyondKeep() throws IOException {
        List<Path> backups;
        try (Stream<Path> files = Files.list(settings.directory())) {
            backups = files.filter(file -> file.getFileName().toString().matches(PREFIX + "\\d{8}-\\d{6}\\.zip"))
                .sorted()
                .toList();
        }
        for (Path old : backups.subList(0, Math.max(0, backups.size() - settings.keep()))) {
            Files.delete(old);
        }
    }

}
