package org.cancerplan.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.SFChunk;

/**
 * Keeps the store's file within a small multiple of its live data. Every commit writes
 * the pages it changed to a new chunk; a chunk's space is reused only once none of its
 * pages is live any more (at once: retention time 0). Scattered writes, such as audit
 * events whose index entries land all over their B-trees, leave most chunks partly live
 * for a long time, so without help the file only grows (14.7 GB after a million audit
 * events).
 * <p>
 * So each commit owes a rewrite as large as what it wrote (as {@link CountingFileStore}
 * counts it; a store on another file store is not compacted). Once the debt reaches
 * {@link #SMALLEST_REWRITE}, and while less than {@link #TARGET_FILL_RATE} % of the
 * chunks' bytes are live, the live pages of the emptiest chunks are written again
 * ({@link MVStore#compact}), so that those chunks die; what that rewrite writes pays the
 * debt. A rewrite reads its pages into the heap, where a page of documents takes several
 * times its bytes in the file, so it goes in rounds of at most {@link #LARGEST_REWRITE}
 * live bytes, each committed before the next; a single chunk with more live bytes than
 * that, up to {@link #LARGEST_CHUNK_REWRITE}, is a round of its own. The rewriting keeps
 * pace with the writing whatever the load, and costs nothing while the chunks are full
 * enough. The file does not shrink below the end of its last chunk; it stops growing.
 * <p>
 * The chunks are chosen here, not by H2: H2 ranks them by fill rate divided by age in
 * commits, so in a store of many commits every old chunk ranks alike whatever its fill
 * rate, and it never takes a chunk with more live bytes than the round. A bulk insert of
 * audit events writes a chunk of up to 30 MB, nearly all of it index pages that later
 * commits replace one by one, so such a chunk kept more than a round's live bytes long
 * after most of it was dead, and a store of a million events settled at 30 % live.
 * <p>
 * Runs after a commit, with commands excluded, as a commit does. Retention time 0 is safe
 * here: no command reads while a commit runs (cursors hold their documents), and
 * {@link GroupCommit} never writes a commit while two before it await their force. H2's
 * {@code compactFile}, which also moves chunks to shrink the file, is not used: with
 * assertions on, its chunk moves failed H2's own free-space checks under concurrent
 * writers (H2 2.4.240).
 */
final class FileCompaction {

    /** Smaller files are left as they are. */
    static final long SMALLEST_FILE_COMPACTED = 1 << 20;

    /** Below this share of live bytes in the chunks, chunks are rewritten. */
    static final int TARGET_FILL_RATE = 40;

    private static final int SMALLEST_REWRITE = 256 << 10;

    /**
     * The most one round rewrites: 4 MB of audit events' pages take about 30 MB of heap
     * until their commit (32 MB, once the limit, took more than the service's 256 MB
     * heap).
     */
    static final int LARGEST_REWRITE = 4 << 20;

    /**
     * The most live bytes of a chunk rewritten alone: a chunk of a 30 MB commit at the
     * target fill rate (heavier ones wait until fewer of their pages are live).
     */
    static final int LARGEST_CHUNK_REWRITE = 12 << 20;

    /** Debt beyond this, run up while the chunks were full enough, is forgiven. */
    private static final long LARGEST_DEBT = 128L << 20;

    private final MVStore store;

    private final CountingFileStore file;

    private long owed;

    private long writtenWhenLastOwed;

    FileCompaction(MVStore store) {
        this.store = store;
        this.file = store.getFileStore() instanceof CountingFileStore counting ? counting : null;
        store.setRetentionTime(0);
        this.writtenWhenLastOwed = file == null ? 0 : file.bytesWritten();
    }

    void afterCommit() {
        if (file == null) {
            return;
        }
        long written = bytesWritten();
        owed = Math.min(owed + written - writtenWhenLastOwed, LARGEST_DEBT);
        writtenWhenLastOwed = written;
        if (owed < SMALLEST_REWRITE || fileSize() < SMALLEST_FILE_COMPACTED) {
            return;
        }
        while (owed >= SMALLEST_REWRITE) {
            if (store.getFileStore().getChunksFillRate() >= TARGET_FILL_RATE) {
                owed = 0; // full enough: no debt carried into a later burst of writes
                break;
            }
            long before = bytesWritten();
            if (!file.rewriteEmptiestChunks(store, owed)) {
                break; // the emptiest chunk costs more than is owed yet
            }
            store.commit();
            owed -= Math.max(bytesWritten() - before, SMALLEST_REWRITE);
        }
        writtenWhenLastOwed = bytesWritten(); // what the rounds wrote owes nothing
    }

    /**
     * The chunks one round rewrites: of those below the target fill rate, the emptiest
     * first (each frees the most bytes for the bytes it costs), as many as a round's
     * {@code roundBytes} of live pages hold, and at least the emptiest, whatever its size
     * up to {@link #LARGEST_CHUNK_REWRITE}, once as many bytes are {@code owed} as its
     * rewrite costs (until then, none: a rewrite costs no more than the writes that made
     * it due). The newest two commits' chunks are H2's to keep, and {@code unmovable}
     * ones are left out.
     */
    static List<SFChunk> emptiestChunks(Collection<SFChunk> chunks, long currentVersion, long owed, int roundBytes,
            Set<Integer> unmovable) {
        List<SFChunk> emptiestFirst = chunks.stream()
            .filter(chunk -> !unmovable.contains(chunk.id))
            .filter(chunk -> chunk.maxLenLive > 0 && chunk.maxLenLive <= LARGEST_CHUNK_REWRITE
                    && chunk.maxLenLive * 100 < chunk.maxLen * TARGET_FILL_RATE && chunk.version < currentVersion - 1)
            .sorted(Comparator.comparingDouble(chunk -> (double) chunk.maxLenLive / chunk.maxLen))
            .toList();
        List<SFChunk> chosen = new ArrayList<>();
        long live = 0;
        for (SFChunk chunk : emptiestFirst) {
            boolean affordable = chosen.isEmpty() ? chunk.maxLenLive <= owed
                    : live + chunk.maxLenLive <= Math.min(owed, roundBytes);
            if (!affordable) {
                break;
            }
            chosen.add(chunk);
            live += chunk.maxLenLive;
        }
        return chosen;
    }

    /** The bytes written to the file since it was opened. */
    private long bytesWritten() {
        return file.bytesWritten();
    }

    private long fileSize() {
        return file.size();
    }

}
