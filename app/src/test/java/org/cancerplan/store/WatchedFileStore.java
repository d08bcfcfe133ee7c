package org.cancerplan.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SFChunk;

/**
 * The store's file, watched: which document ids of one collection each chunk write put in
 * the file (a commit writes its chunk with commands excluded, so the collection then
 * holds exactly what the commit holds), and which of those each force covered. Forces
 * asked for outside a chunk write can be held back, to see what goes on while one is
 * pending.
 */
final class WatchedFileStore extends CountingFileStore {

    private final Path file;

    private final String collectionMap;

    private final AtomicInteger chunkWrites = new AtomicInteger();

    private final AtomicInteger forces = new AtomicInteger();

    private volatile Set<Object> inTheFile = Set.of();

    private final List<Integer> documentsAtChunkWrites = new CopyOnWriteArrayList<>();

    private final AtomicLong largestChunkWritten = new AtomicLong();

    private volatile Set<Object> forced = Set.of();

    private volatile CountDownLatch release;

    private final CountDownLatch forceHeld = new CountDownLatch(1);

    /** Watches the documents of {@code collection} in the database {@code test}. */
    WatchedFileStore(Path file, String collection) {
        super();
        this.file = file;
        this.collectionMap = "databases.test." + collection;
        open(file.toString(), false, null);
    }

    Path path() {
        return file;
    }

    MVStore.Builder builder() {
        return DurableH2Backend.committingOnlyWhenTold(new MVStore.Builder().adoptFileStore(this));
    }

    @Override
    protected void writeFully(SFChunk chunk, long pos, ByteBuffer src) {
        int bytes = src.remaining();
        super.writeFully(chunk, pos, src);
        if (chunk != null) {
            chunkWrites.incrementAndGet();
            largestChunkWritten.accumulateAndGet(bytes, Math::max);
            MVStore store = getMvStore();
            if (store.hasMap(collectionMap)) {
                MVMap<Object, Object> documents = store.openMap(collectionMap);
                inTheFile = new HashSet<>(documents.keySet());
                documentsAtChunkWrites.add(inTheFile.size());
            }
        }
    }

    @Override
    public void sync() {
        Set<Object> covered = inTheFile;
        CountDownLatch held = release;
        // H2 also forces inside a commit, when the chunk it writes lets it truncate the
        // file's free tail; only the
        // forces that GroupCommit asks for, outside the commit, are held
        if (held != null && !saveChunkLock.isHeldByCurrentThread()) {
            forceHeld.countDown();
            try {
                held.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.sync();
        forces.incrementAndGet();
        forced = covered;
    }

    /** From now on each force waits until {@link #releaseForces()}. */
    void holdForces() {
        release = new CountDownLatch(1);
    }

    boolean awaitHeldForce() throws InterruptedException {
        return forceHeld.await(20, TimeUnit.SECONDS);
    }

    void releaseForces() {
        CountDownLatch held = release;
        release = null;
        held.countDown();
    }

    boolean inTheFile(Object id) {
        return inTheFile.contains(id);
    }

    boolean forced(Object id) {
        return forced.contains(id);
    }

    /** How many documents the collection held at each chunk write, in order. */
    List<Integer> documentsAtChunkWrites() {
        return List.copyOf(documentsAtChunkWrites);
    }

    int chunkWrites() {
        return chunkWrites.get();
    }

    /** The bytes of the largest chunk written so far: what one commit wrote. */
    long largestChunkWritten() {
        return largestChunkWritten.get();
    }

    int forces() {
        return forces.get();
    }

}
