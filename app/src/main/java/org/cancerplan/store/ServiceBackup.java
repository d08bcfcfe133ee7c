package org.cancerplan.store;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.ToLongFunction;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backup of the embedded store taken by the service that serves it, for the admin shell
 * beside it: the command {@code {cancerplanBackup: 1, to: "/absolute/path.zip"}} on the
 * admin database, which the store answers to an authenticated connection only
 * ({@link AuthenticatingBackend}). The service's process writes the file, as its user,
 * exactly as {@link EmbeddedStore#backupTo} does; it refuses a path that is not absolute,
 * an existing file and a missing directory. (Whoever may send the command knows the
 * channel's password, so is the store's owner or root already: the command lets nobody
 * write where they could not.)
 */
public final class ServiceBackup {

    static final String COMMAND = "cancerplanBackup";

    /** MongoDB's BadValue: the path is not absolute, or the file exists. */
    public static final int BAD_TARGET = 2;

    /** MongoDB's NonExistentPath: the file's directory does not exist. */
    public static final int NO_SUCH_DIRECTORY = 29;

    /**
     * MongoDB's CommandNotFound: the answer of a service of a release before this
     * command.
     */
    public static final int UNKNOWN_COMMAND = 59;

    /** MongoDB's InternalError: the file could not be written. */
    private static final int WRITE_FAILED = 1;

    private static final Logger log = LoggerFactory.getLogger(ServiceBackup.class);

    private ServiceBackup() {
    }

    /**
     * Why a backup must not be written to a file: a code of the ones above, and a line
     * for the operator.
     */
    public record Refusal(int code, String message) {
    }

    /** Why {@code zip} cannot take a new backup, if it cannot. */
    public static Optional<Refusal> refusal(Path zip) {
        if (!zip.isAbsolute()) {
            return Optional
                .of(new Refusal(BAD_TARGET, "The backup's file must be named by an absolute path, not " + zip));
        }
        if (Files.exists(zip)) {
            return Optional.of(new Refusal(BAD_TARGET, zip + " already exists; give a new file name"));
        }
        if (!Files.isDirectory(zip.getParent())) {
            return Optional.of(new Refusal(NO_SUCH_DIRECTORY, "No such directory: " + zip.getParent()));
        }
        return Optional.empty();
    }

    /**
     * Asks the service serving the store to write a backup to {@code zip}.
     * @return the backup's size in bytes
     * @throws MongoCommandException when the service refuses or fails, with a code of the
     * ones above
     */
    public static long ask(MongoDatabase admin, Path zip) {
        BsonDocument command = new BsonDocument(COMMAND, new BsonInt32(1)).append("to", new BsonString(zip.toString()));
        return admin.runCommand(command, BsonDocument.class).getNumber("bytes").longValue();
    }

    /** The store's answer to the command, writing the backup with {@code backupTo}. */
    static Document answer(Document command, ToLongFunction<Path> backupTo) {
        if (!(command.get("to") instanceof String to)) {
            return error(BAD_TARGET, COMMAND + " needs 'to': the absolute path of a new zip file");
        }
        Path zip;
        try {
            zip = Path.of(to);
        }
        catch (InvalidPathException invalid) {
            return error(BAD_TARGET, "Not a path: " + invalid.getMessage());
        }
        Optional<Refusal> refusal = refusal(zip);
        if (refusal.isPresent()) {
            return error(refusal.get().code(), refusal.get().message());
        }
        try {
            long bytes = backupTo.applyAsLong(zip);
            log.info("Backed up the store to {} ({} KB) for the admin shell", zip, bytes / 1024);
            return new Document("to", zip.toString()).append("bytes", bytes).append("ok", 1);
        }
        catch (UncheckedIOException failed) {
            String why = failed.getCause() instanceof AccessDeniedException
                    ? "The service's user may not write to " + zip.getParent() : failed.getMessage();
            log.warn("The admin shell's backup failed: {}", why);
            return error(WRITE_FAILED, why);
        }
    }

    private static Document error(int code, String message) {
        String codeName = switch (code) {
            case BAD_TARGET -> "BadValue";
            case NO_SUCH_DIRECTORY -> "NonExistentPath";
            default -> "InternalError";
        };
        return new Document("ok", 0).append("errmsg", message).append("code", code).append("codeName", codeName);
    }

}
