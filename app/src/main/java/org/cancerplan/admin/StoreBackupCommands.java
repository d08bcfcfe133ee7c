package org.cancerplan.admin;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import org.cancerplan.store.StoreRestore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * Backing up the embedded store to a zip file, and restoring such a file into the store
 * in use. Beside a service that serves the embedded store (the shell then reaches the
 * store through the service's channel), the service writes the backup
 * ({@link ServiceBackup}), and a restore is refused.
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

    private final StoreRestore restore;

    private final AuditLog audit;

    private final Operator operator;

    StoreBackupCommands(ObjectProvider<EmbeddedStore> embedded, ObjectProvider<StoreChannel> channel,
            MongoTemplate mongo, StoreProperties properties, StoreRestore restore, AuditLog audit, Operator operator) {
        this.embedded = embedded;
        this.channel = channel;
        this.mongo = mongo;
        this.properties = properties;
        this.audit = audit;
        this.operator = operator;
        this.restore = restore;
    }

    @Command(name = { "store", "backup" },
            description = "Copy the embedded store to a new zip file, and check the copy")
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
        audit.record(operator.caller(), null, BACKED_UP, AuditOutcome.ALLOWED); // before,
                                                                                // so the
                                                                                // copy
                                                                                // holds
                                                                                // it
        long bytes = store != null ? store.backupTo(zip)
                : askTheService(mongo.getMongoDatabaseFactory().getMongoDatabase("admin"), zip);
        Map<String, Long> counts = readBack(zip);
        return String.format("Backed up %,d documents in %d collections to %s (%,d KB); the copy opens and reads back",
                StoreCopy.total(counts), counts.size(), zip, bytes / 1024);
    }

    /** The store's file is the running service's: it writes the backup, as its user. */
    static long askTheService(MongoDatabase admin, Path zip) {
        try {
            return ServiceBackup.ask(admin, zip);
        }
        catch (MongoCommandException refused) {
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
    String restore(
            @Option(longName = "from", description = "a zip file written by 'store backup'",
                    required = true) String file,
            @Option(longName = "replace", description = "replace a store that holds data",
                    defaultValue = "false") Boolean replace) {
        refuseBesideTheService("restore into it", "stop the service, run the restore, then start the service");
        Path zip = Path.of(file).toAbsolutePath();
        try {
            StoreRestore.Restored restored = restore.restore(zip, Boolean.TRUE.equals(replace),
                    progress -> System.err.printf("\r%s %s: %,d documents%s",
                            progress.done() ? "Restored" : "Restoring", progress.collection(), progress.copied(),
                            progress.done() ? "\n" : ""));
            audit.record(operator.caller(), null, RESTORED, AuditOutcome.ALLOWED);
            return String.format("Restored %,d documents in %d collections from %s%s", restored.documents(),
                    restored.copied().size(), zip,
                    restored.saved() == null ? "" : "; the contents it replaced are in " + restored.saved());
        }
        catch (NoSuchFileException missing) {
            throw AdminFailure.notFound("No such file: " + zip);
        }
        catch (StoreRestore.Incomplete incomplete) {
            throw new AdminFailure(AdminFailure.FAILED, incomplete.getMessage());
        }
    }

    /**
     * Refuses a command that must open the store's file while a running service has it
     * open.
     */
    private void refuseBesideTheService(String what, String instead) {
        if (besideTheService()) {
            throw AdminFailure.badUsage("The service is running on the embedded store ("
                    + properties.path().toAbsolutePath() + "), so the shell cannot " + what + ": " + instead);
        }
    }

    /**
     * Whether a running service has the embedded store's file open, and the shell reaches
     * it through its channel.
     */
    private boolean besideTheService() {
        return channel.getIfAvailable() != null && embedded.getIfAvailable() == null;
    }

    private Map<String, Long> readBack(Path zip) {
        try (BackupFile copy = BackupFile.open(zip)) {
            return StoreCopy.counts(copy.database(properties.database()));
        }
        catch (NoSuchFileException | IllegalArgumentException unreadable) {
            throw new AdminFailure(AdminFailure.FAILED,
                    "The backup " + zip + " was written but does not read back: " + unreadable.getMessage());
        }
    }

}
