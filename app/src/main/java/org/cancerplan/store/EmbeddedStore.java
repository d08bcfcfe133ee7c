package org.cancerplan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipOutputStream;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB wire-protocol server (mongo-java-server) keeping its data in one
 * H2 MVStore file, listening on a free loopback port. Only a client that knows the
 * store's per-start password gets in (SCRAM-SHA-256, see {@link AuthenticatingBackend}):
 * the serving process, and whoever can read the {@link StoreChannel} file in the store's
 * directory, which is its owner's only.
 */
public final class EmbeddedStore implements AutoCloseable {

    static final String FILE_NAME = "cancerplan.mv.db";

    /**
     * mongo-java-server answers each connection on its event loop thread, and a write
     * waits there for its commit, holding up the other connections of that loop. With a
     * thread for each connection the driver keeps busy (the many writers a small site has
     * at once), the writes waiting are committed together rather than a loop at a time.
     */
    private static final int COMMAND_THREADS = 64;

    private final MongoServer server;

    private final DurableH2Backend backend;

    private final MVStore mvStore;

    private final StoreChannel channel;

    private final Path file;

    private EmbeddedStore(MongoServer server, DurableH2Backend backend, MVStore mvStore, StoreChannel channel,
            Path file) {
        this.server = server;
        this.backend = backend;
        this.mvStore = mvStore;
        this.channel = channel;
        this.file = file;
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    /**
     * Opens (or creates) the store in {@code directory}, starts serving it, forcing each
     * commit to disk, and writes its channel file.
     * @throws EmbeddedStoreUnavailable when another process has the store open
     */
    public static EmbeddedStore open(Path directory) {
        return open(directory, StoreDurability.FSYNC);
    }

    /** Opens (or creates) the store in {@code directory} and starts serving it. */
    public static EmbeddedStore open(Path directory, StoreDurability durability) {
        Path file = directory.resolve(FILE_NAME).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + directory.toAbsolutePath(), e);
        }
        ownerOnly(directory.toAbsolutePath());
        return serve(new MVStore.Builder().adoptFileStore(CountingFileStore.open(file)), durability, file);
    }

    /**
     * Opens the MVStore that {@code builder} describes (tests give it a file store of
     * their own), serves it and writes its channel file beside {@code file}.
     */
    static EmbeddedStore serve(MVStore.Builder builder, StoreDurability durability, Path file) {
        Path directory = file.getParent();
        MVStore mvStore = DurableH2Backend.committingOnlyWhenTold(builder).open();
        DurableH2Backend backend = new DurableH2Backend(mvStore, durability);
        String password = StoreChannel.newPassword();
        MongoServer server = new MongoServer(
                new AuthenticatingBackend(backend, StoreChannel.USER, password, zip -> writeBackup(mvStore, zip)));
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, COMMAND_THREADS);
        InetSocketAddress address = server.getLocalAddress();
        StoreChannel channel = new StoreChannel(address.getHostString(), address.getPort(), password);
        try {
            channel.writeTo(directory);
        }
        catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedStore(server, backend, mvStore, channel, file);
    }

    /** Another process has the store's file open. */
    static final class InUse extends EmbeddedStoreUnavailable {

        InUse(Path directory) {
            super("The store " + directory + " is in use by another process (the service?): stop it first");
        }

    }

    /**
     * The store's directory for its owner only, so that nobody else reads its file,
     * backups or channel.
     */
    private static void ownerOnly(Path directory) {
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            view.setPermissions(PosixFilePermissions.fromString("rwx------"));
        }
        catch (IOException notTheOwner) {
            log.warn("Cannot make the store directory {} its owner's only ({}): other users may read its file",
                    directory, notTheOwner.getMessage());
        }
    }

    /** The connection string of this store, with the credentials its server asks for. */
    public ConnectionString connectionString(String database) {
        return channel.connectionString(database);
    }

    /**
     * How another process of the store's owner reaches this store (what the channel file
     * says).
     */
    public StoreChannel channel() {
        return channel;
    }

    public Path file() {
        return file;
    }

    /**
     * The file's MVStore, for the sizes of its maps and of the file
     * ({@link EmbeddedStoreStats}).
     */
    MVStore mvStore() {
        return mvStore;
    }

    /**
     * The backend behind the wire protocol, for tests that look at its collections and
     * indexes.
     */
    DurableH2Backend backend() {
        return backend;
    }

    /**
     * Writes a consistent copy of the store to a new zip file while it stays in use
     * (writes go on meanwhile; the copy holds every write acknowledged before it
     * started). The zip appears only when complete, readable by its owner only.
     * @return the zip's size in bytes
     */
    public long backupTo(Path zip) {
        return writeBackup(mvStore, zip);
    }

    private static long writeBackup(MVStore mvStore, Path zip) {
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            createOwnerOnly(partial);
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                mvStore.getFileStore().backup(out);
            }
            Files.move(partial, zip, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(zip);
        }
        catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            }
            catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new UncheckedIOException("Cannot write the backup " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * A backup holds every patient's record: readable by the store's owner only, wherever
     * it is written.
     */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) == null) {
            Files.createFile(file);
        }
        else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Override
    public void close() {
        StoreChannel.deleteFrom(file.getParent());
        server.shutdownNow();
    }

}
