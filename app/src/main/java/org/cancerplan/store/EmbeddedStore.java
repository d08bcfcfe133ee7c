package org.cancerplan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipOutputStream;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB wire-protocol server (mongo-java-server) keeping its data in one H2 MVStore file, listening on
 * a free loopback port.
 */
public final class EmbeddedStore implements AutoCloseable {

    static final String FILE_NAME = "cancerplan.mv.db";

    /**
     * mongo-java-server answers each connection on its event loop thread, and a write waits there for its commit,
     * holding up the other connections of that loop. With a thread for each connection the driver keeps busy (the
     * many writers a small site has at once), the writes waiting are committed together rather than a loop at a time.
     */
    private static final int COMMAND_THREADS = 64;

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final MVStore mvStore;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedStore(MongoServer server, DurableH2Backend backend, MVStore mvStore, InetSocketAddress address,
            Path file) {
        this.server = server;
        this.backend = backend;
        this.mvStore = mvStore;
        this.address = address;
        this.file = file;
    }

    /** Opens (or creates) the store in {@code directory} and starts serving it, forcing each commit to disk. */
    public static EmbeddedStore open(Path directory) {
        return open(directory, StoreDurability.FSYNC);
    }

    /** Opens (or creates) the store in {@code directory} and starts serving it. */
    public static EmbeddedStore open(Path directory, StoreDurability durability) {
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + directory.toAbsolutePath(), e);
        }
        return serve(new MVStore.Builder().fileName(file.toString()), durability, file);
    }

    /** Opens the MVStore that {@code builder} describes (tests give it a file store of their own) and serves it. */
    static EmbeddedStore serve(MVStore.Builder builder, StoreDurability durability, Path file) {
        MVStore mvStore = builder.autoCommitDisabled().open();
        DurableH2Backend backend = new DurableH2Backend(mvStore, durability);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, COMMAND_THREADS);
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedStore(server, backend, mvStore, address, file);
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public Path file() {
        return file;
    }

    /** The backend behind the wire protocol, for tests that look at its collections and indexes. */
    DurableH2Backend backend() {
        return backend;
    }

    /**
     * Writes a consistent copy of the store to a new zip file while it stays in use (writes go on meanwhile; the copy
     * holds every write acknowledged before it started). The zip appears only when complete.
     *
     * @return the zip's size in bytes
     */
    public long backupTo(Path zip) {
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                mvStore.getFileStore().backup(out);
            }
            Files.move(partial, zip, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(zip);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new UncheckedIOException("Cannot write the backup " + zip + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
