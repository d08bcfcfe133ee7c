package org.cancerplan.admin;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.store.BackupFile;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.store.ServiceBackup;
import org.cancerplan.store.StoreChannel;
import org.cancerplan.store.StoreCopy;
import org.cancerplan.store.StoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * Backing up the embedded store to a zip file, and restoring such a file into the store in use. Beside a service that
 * serves the embedded store (the shell then reaches the store through the service's channel), the service writes the
 * backup ({@link ServiceBackup}), and a restore is refused.
 */
@Component
@Profile("admin")
class StoreBackupCommands implements CommandSet {

    static final String BACKED_UP = "STORE_BACKED_UP";
    static final String RESTORED = "STORE_RESTORED";

    private final ObjectProvider<EmbeddedStore> embedded;
    private final ObjectProvider<StoreChannel> channel;
    private final MongoTemplate mongo;
    private final StoreProperties properties;
    private final AuditLog audit;
    private final Operator operator;
    private final Clock clock;

    StoreBackupCommands(ObjectProvider<EmbeddedStore> embedded, ObjectProvider<StoreChannel> channel,
            MongoTemplate mongo, StoreProperties properties, AuditLog audit, Operator operator, Clock clock) {
        this.embedded = embedded;
        this.channel = channel;
        this.mongo = mongo;
        this.properties = properties;
        this.audit = audit;
        this.operator = operator;
        this.clock = clock;
    }

    @Command(name = { "store", "backup" }, description = "Copy the embedded store to a new zip file, and check the copy")
    String backup(@Option(longName = "to", description = "the zip file to write", required = true) String file) {
        EmbeddedStore store = embedded.getIfAvailable();
        if (store == null && !besideTheService()) {
            throw AdminFailure.badUsage("The store is MongoDB (spring.mongodb.uri is set): back it up with mongodump "
                    + "or storage snapshots (see the README)");
        }
        Path zip = Path.of(file).toAbsolutePath();
        ServiceBackup.refusal(zip).ifPresent(refusal -> {
            throw failureOf(refusal.code(), refusal.message());
        });
        audit.record(operator.caller(), null, BACKED_UP, AuditOutcome.ALLOWED); // before, so the copy holds it
        long bytes = store != null ? store.backupTo(zip)
                : askTheService(mongo.getMongoDatabaseFactory().getMongoDatabase("admin"), zip);
        Map<String, Long> counts = readBack(zip);
        return String.format("Backed up %,d documents in %d collections to %s (%,d KB); the copy opens and reads back",
                total(counts), counts.size(), zip, bytes / 1024);
    }

    /** The store's file is the running service's: it writes the backup, as its user. */
    static long askTheService(MongoDatabase admin, Path zip) {
        try {
            return ServiceBackup.ask(admin, zip);
        } catch (MongoCommandException refused) {
            throw failureOf(refused.getErrorCode(), refused.getErrorMessage());
        }
    }

    private static AdminFailure failureOf(int code, String message) {
        return switch (code) {
            case ServiceBackup.BAD_TARGET -> AdminFailure.badUsage(message);
            case ServiceBackup.NO_SUCH_DIRECTORY -> AdminFailure.notFound(message);
            case ServiceBackup.UNKNOWN_COMMAND -> AdminFailure.badUsage("The service running on the embedded store "
                    + "is of an earlier release, which cannot take a backup for the shell: use its own backups "
                    + "(cancerplan.store.backup.directory), or stop it and run the backup again");
            default -> new AdminFailure(AdminFailure.FAILED, "The service could not write the backup: " + message);
        };
    }

    @Command(name = { "store", "restore" }, description = "Replace the store's contents with a backup's")
    String restore(@Option(longName = "from", description = "a zip file written by 'store backup'", required = true)
            String file,
            @Option(longName = "replace", description = "replace a store that holds data", defaultValue = "false")
            Boolean replace) {
        refuseBesideTheService("restore into it", "stop the service, run the restore, then start the service");
        Path zip = Path.of(file).toAbsolutePath();
        MongoDatabase target = mongo.getDb();
        try (BackupFile backup = BackupFile.open(zip)) {
            MongoDatabase source = backup.database(properties.database());
            if (StoreCopy.collections(source).isEmpty()) {
                throw AdminFailure.badUsage(zip + " holds no collections of the database '" + properties.database()
                        + "'; nothing restored");
            }
            long held = total(StoreCopy.counts(target));
            if (held > 0 && !Boolean.TRUE.equals(replace)) {
                throw AdminFailure.badUsage(String.format("The store holds %,d documents; add --replace to replace "
                        + "them with the backup's%s", held, embedded.getIfAvailable() == null ? ""
                        : " (they are saved to a zip file first)"));
            }
            Path saved = held > 0 ? saveCurrentContents() : null;
            Map<String, Long> copied;
            try {
                copied = StoreCopy.replace(source, target, progress -> System.err.printf("\r%s %s: %,d documents%s",
                        progress.done() ? "Restored" : "Restoring", progress.collection(), progress.copied(),
                        progress.done() ? "\n" : ""));
            } catch (RuntimeException failure) {
                throw new AdminFailure(AdminFailure.FAILED, "The restore failed part way (" + failure.getMessage()
                        + "); the store is incomplete. " + (saved == null ? "Run the restore again."
                        : "Its contents from before the restore are in " + saved + "."));
            }
            audit.record(operator.caller(), null, RESTORED, AuditOutcome.ALLOWED);
            return String.format("Restored %,d documents in %d collections from %s%s", total(copied), copied.size(),
                    zip, saved == null ? "" : "; the contents it replaced are in " + saved);
        } catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + zip);
        } catch (IllegalArgumentException notABackup) {
            throw AdminFailure.badUsage(notABackup.getMessage());
        }
    }

    /** Refuses a command that must open the store's file while a running service has it open. */
    private void refuseBesideTheService(String what, String instead) {
        if (besideTheService()) {
            throw AdminFailure.badUsage("The service is running on the embedded store (" + properties.path()
                    .toAbsolutePath() + "), so the shell cannot " + what + ": " + instead);
        }
    }

    /** Whether a running service has the embedded store's file open, and the shell reaches it through its channel. */
    private boolean besideTheService() {
        return channel.getIfAvailable() != null && embedded.getIfAvailable() == null;
    }

    /** Before a restore replaces the embedded store's data, a copy of it next to the store's file. */
    private Path saveCurrentContents() {
        EmbeddedStore store = embedded.getIfAvailable();
        if (store == null) {
            return null;
        }
        String stamp = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path saved = store.file().resolveSibling("before-restore-" + stamp + ".zip");
        store.backupTo(saved);
        System.err.println("Saved the store's current contents to " + saved);
        return saved;
    }

    private Map<String, Long> readBack(Path zip) {
        try (BackupFile copy = BackupFile.open(zip)) {
            return StoreCopy.counts(copy.database(properties.database()));
        } catch (NoSuchFileException | IllegalArgumentException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED, "The backup " + zip + " was written but does not read back: "
                    + unreadable.getMessage());
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
