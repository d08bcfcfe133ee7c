package org.cancerplan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * A backup of the embedded store ({@link EmbeddedStore#backupTo}), unpacked into a
 * temporary directory and served like the store itself, so it can be read through the
 * MongoDB driver: to check it, or to restore it into a store.
 */
public final class BackupFile implements AutoCloseable {

    private final Path directory;

    private final EmbeddedStore store;

    private final MongoClient client;

    private BackupFile(Path directory, EmbeddedStore store) {
        this.directory = directory;
        this.store = store;
        this.client = MongoClients.create(store.connectionString(""));
    }

    /**
     * Opens a backup.
     * @throws NoSuchFileException when there is no such file
     * @throws IllegalArgumentException when the file is not a backup of the embedded
     * store
     */
    public static BackupFile open(Path zip) throws NoSuchFileException {
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip.toString());
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("cancerplan-backup");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            unpack(zip, directory.resolve(EmbeddedStore.FILE_NAME));
            return new BackupFile(directory, EmbeddedStore.open(directory));
        }
        catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(
                    zip + " is not a readable backup of the embedded store: " + e.getMessage(), e);
        }
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    private static void unpack(Path zip, Path storeFile) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory() && entry.getName().endsWith(".mv.db")) {
                    Files.copy(in, storeFile);
                    return;
                }
            }
        }
        catch (ZipException notAZip) {
            throw new IllegalArgumentException(zip + " is not a zip file: " + notAZip.getMessage(), notAZip);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + zip + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(zip + " is not a backup of the embedded store (it holds no store file)");
    }

    @Override
    public void close() {
        client.close();
        store.close();
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

}
