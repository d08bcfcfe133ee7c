package org.cancerplan.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.SFChunk;
import org.h2.mvstore.SingleFileStore;

/**
 * The store's file, telling how many bytes have been written to it since it was opened
 * (H2 counts them, but tells the count only among figures it computes by going through
 * every chunk, too slow to ask at every commit), and rewriting the chunks that
 * {@link FileCompaction} chooses rather than those H2 would.
 */
class CountingFileStore extends SingleFileStore {

    private final int largestRewrite;

    /**
     * The rewriting owed to the rewrite under way; 0 when H2 compacts on its own and
     * chooses as it does.
     */
    private volatile long owed;

    /** The chunks the last rewrite was given, with their live bytes then. */
    private Map<Integer, Long> offered = Map.of();

    /**
     * Chunks a rewrite was given and left as live as they were: their live pages are
     * pages H2 does not move (such as a branch of its own layout of the file), so they
     * are not offered again while they last.
     */
    private final Set<Integer> unmovable = new HashSet<>();

    CountingFileStore() {
        this(FileCompaction.LARGEST_REWRITE);
    }

    /**
     * {@code largestRewrite}: smaller in tests, to show at a small scale what a large
     * store does.
     */
    CountingFileStore(int largestRewrite) {
        super(new HashMap<>());
        this.largestRewrite = largestRewrite;
    }

    /**
     * Opens (or creates) the file; a file another process has open is refused with
     * {@link EmbeddedStore.InUse}.
     */
    static CountingFileStore open(Path file) {
        CountingFileStore store = new CountingFileStore();
        store.openFile(file);
        return store;
    }

    void openFile(Path file) {
        try {
            open(file.toString(), false, null);
        }
        catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new EmbeddedStore.InUse(file.getParent());
            }
            throw e;
        }
    }

    long bytesWritten() {
        return writeBytes.get();
    }

    /**
     * The most live bytes one round of {@link FileCompaction} rewrites, unless a single
     * chunk holds more.
     */
    int largestRewrite() {
        return largestRewrite;
    }

    /**
     * Writes again the live pages of the chunks that
     * {@link FileCompaction#emptiestChunks} chooses with {@code owed} bytes of rewriting
     * owed, so that those chunks die; false when it chooses none.
     */
    boolean rewriteEmptiestChunks(MVStore store, long owed) {
        this.owed = owed;
        try {
            // H2 keeps of its candidates only as many as fit in its limit, by its own
            // order: ours always fit. A rewrite that moves nothing leaves its chunks
            // unmovable, and the next emptiest are tried once.
            return store.compact(FileCompaction.TARGET_FILL_RATE, FileCompaction.LARGEST_CHUNK_REWRITE)
                    || (!offered.isEmpty()
                            && store.compact(FileCompaction.TARGET_FILL_RATE, FileCompaction.LARGEST_CHUNK_REWRITE));
        }
        finally {
            this.owed = 0;
        }
    }

    @Override
    public Collection<SFChunk> getRewriteCandidates() {
        long bytes = owed;
        if (bytes == 0 || !isSpaceReused()) {
            return super.getRewriteCandidates();
        }
        Map<Integer, SFChunk> chunks = getChunks();
        offered.forEach((id, live) -> {
            SFChunk chunk = chunks.get(id);
            if (chunk != null && chunk.maxLenLive >= live) {
                unmovable.add(id);
            }
        });
        unmovable.retainAll(chunks.keySet());
        List<SFChunk> chosen = FileCompaction.emptiestChunks(chunks.values(), getMvStore().getCurrentVersion(), bytes,
                largestRewrite, unmovable);
        offered = chosen.stream().collect(Collectors.toMap(chunk -> chunk.id, chunk -> chunk.maxLenLive));
        return chosen;
    }

}
