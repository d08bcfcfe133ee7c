package org.cancerplan.store;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoDatabase;
import org.cancerplan.shared.BadInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Replaces the store's contents with those of a backup written by
 * {@link EmbeddedStore#backupTo} (or the service's {@link ServiceBackup}). A store that
 * holds data is replaced only when asked, and an embedded store's contents are first
 * saved to a zip file beside its file, so a restore that fails part way loses nothing.
 */
@Component
public class StoreRestore {

    /**
     * What a restore copied, by collection, and where the contents it replaced were saved
     * (null if none were).
     */
    public record Restored(Map<String, Long> copied, Path saved) {

        public long documents() {
            return StoreCopy.total(copied);
        }
    }

    /** The restore stopped part way: the store is incomplete. */
    public static class Incomplete extends RuntimeException {

        Incomplete(String message) {
            super(message);
        }

    }

    private final ObjectProvider<EmbeddedStore> embedded;

    private final MongoTemplate mongo;

    private final StoreProperties properties;

    private final Clock clock;

    StoreRestore(ObjectProvider<EmbeddedStore> embedded, MongoTemplate mongo, StoreProperties properties, Clock clock) {
        this.embedded = embedded;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Copies the backup's collections of the service's database over the store's. Throws
     * {@link BadInputException} for a file that is not such a backup or holds none of
     * them, or for a store that holds data without {@code replace};
     * {@link NoSuchFileException} when there is no such file; {@link Incomplete} when the
     * copy fails.
     */
    public Restored restore(Path zip, boolean replace, Consumer<StoreCopy.Progress> progress)
            throws NoSuchFileException {
        MongoDatabase target = mongo.getDb();
        try (BackupFile backup = BackupFile.open(zip)) {
            MongoDatabase source = backup.database(properties.database());
            if (StoreCopy.collections(source).isEmpty()) {
                throw new BadInputException(zip + " holds no collections of the database '" + properties.database()
                        + "'; nothing restored");
            }
            long held = StoreCopy.total(StoreCopy.counts(target));
            if (held > 0 && !replace) {
                throw new BadInputException(String.format(
                        "The store holds %,d documents; add --replace to replace " + "them with the backup's%s", held,
                        embedded.getIfAvailable() == null ? "" : " (they are saved to a zip file first)"));
            }
            Path saved = held > 0 ? saveCurrentContents() : null;
            try {
                return new Restored(StoreCopy.replace(source, target, progress), saved);
            }
            catch (RuntimeException failure) {
                throw new Incomplete("The restore failed part way (" + failure.getMessage() + "); the store is "
                        + "incomplete. " + (saved == null ? "Run the restore again."
                                : "Its contents from before the restore are in " + saved + "."));
            }
        }
        catch (IllegalArgumentException notABackup) {
            throw new BadInputException(notABackup.getMessage());
        }
    }

    /**
     * Before a restore replaces the embedded store's data, a copy of it next to the
     * store's file.
     */
    private Path saveCurrentContents() {
        EmbeddedStore store = embedded.getIfAvailable();
        if (store == null) {
            return null;
        }
        String stamp = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path saved = store.file().resolveSibling("before-restore-" + stamp + ".zip");
        store.backupTo(saved);
        return saved;
    }

}
