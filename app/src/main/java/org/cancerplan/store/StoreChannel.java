package org.cancerplan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import com.mongodb.ConnectionString;

/**
 * How a client reaches an embedded store: its loopback address and the per-start password
 * of its one user. The serving process writes it to {@value #FILE_NAME} in the store's
 * directory, readable by the store's owner only, so that the admin shell run by that user
 * (or root) can reach the store while the service runs, and nobody else can.
 */
public record StoreChannel(String host, int port, String password) {

    static final String FILE_NAME = "cancerplan.channel";
    static final String USER = "cancerplan";

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
        .asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** A random password of 256 bits, in URL-safe base64. */
    static String newPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ScramSha256.randomBytes(32));
    }

    /** The address, for messages (without the password). */
    public String address() {
        return host + ":" + port;
    }

    /**
     * The connection string with the credentials (the password is URL-safe base64, so it
     * needs no escaping).
     */
    public ConnectionString connectionString(String database) {
        return new ConnectionString("mongodb://" + USER + ":" + password + "@" + host + ":" + port + "/" + database
                + "?authSource=admin&authMechanism=SCRAM-SHA-256");
    }

    /**
     * Writes the channel file, owner-only from the start, replacing one left by an
     * earlier start.
     */
    void writeTo(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Path partial = Files.createTempFile(directory, FILE_NAME, ".partial", OWNER_ONLY);
            Files.writeString(partial, host + "\n" + port + "\n" + password + "\n");
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteFrom(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(FILE_NAME));
        }
        catch (IOException ignored) {
            // the next start replaces it
        }
    }

    /** The channel the process serving the store in {@code directory} wrote. */
    static StoreChannel readFrom(Path directory) {
        Path file = directory.toAbsolutePath().resolve(FILE_NAME);
        try {
            String[] lines = Files.readString(file).split("\n");
            return new StoreChannel(lines[0], Integer.parseInt(lines[1]), lines[2]);
        }
        catch (NoSuchFileException missing) {
            throw new EmbeddedStoreUnavailable("The store " + directory.toAbsolutePath() + " is in use by another "
                    + "process that offers no admin channel (no " + FILE_NAME + "; an older release, or a service "
                    + "still starting?): try again, or stop that process and run this release's service on the store");
        }
        catch (AccessDeniedException denied) {
            throw new EmbeddedStoreUnavailable("The service runs on the store " + directory.toAbsolutePath() + ", but "
                    + file + " is readable only by the store's owner: run the admin shell as that user");
        }
        catch (IOException | RuntimeException unreadable) {
            throw new EmbeddedStoreUnavailable("The service runs on the store " + directory.toAbsolutePath() + ", but "
                    + file + " cannot be read (" + unreadable.getMessage() + "): restart the service");
        }
    }
}
