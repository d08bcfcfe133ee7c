package org.cancerplan.store;

import org.h2.mvstore.MVStore;

/**
 * Keeps the store's file within a small multiple of its live data. Every commit writes the pages it changed to a new
 * chunk; a chunk's space is reused only once none of its pages is live any more (at once: retention time 0). Scattered
 * writes, such as audit events whose index entries land all over their B-trees, leave most chunks partly live for a
 * long time, so without help the file only grows (14.7 GB after a million audit events).
 * <p>
 * So each commit owes a rewrite as large as what it wrote (as {@link CountingFileStore} counts it; a store on another
 * file store is not compacted). Once the debt reaches {@link #SMALLEST_REWRITE}, and while less than
 * {@link #TARGET_FILL_RATE} % of the chunks' bytes are live, the live pages of the emptiest and oldest chunks are
 * written again ({@link MVStore#compact}), so that those chunks die; what that rewrite writes owes nothing. A rewrite
 * reads its pages into the heap, where a page of documents takes several times its bytes in the file, so it goes in
 * rounds of at most {@link #LARGEST_REWRITE} bytes, each committed before the next. The rewriting keeps pace with the
 * writing whatever the load, and costs nothing while the chunks are full enough. The file does not shrink below the
 * end of its last chunk; it stops growing.
 * <p>
 * Runs after a commit, with commands excluded, as a commit does. Retention time 0 is safe here: no command reads while
 * a commit runs (cursors hold their documents), and {@link GroupCommit} never writes a commit while two before it
 * await their force. H2's {@code compactFile}, which also moves chunks to shrink the file, is not used: with
 * assertions on, its chunk moves failed H2's own free-space checks under concurrent writers (H2 2.4.240).
 */
final class FileCompaction {

    /** Smaller files are left as they are. */
    static final long SMALLEST_FILE_COMPACTED = 1 << 20;

    /** Below this share of live bytes in the chunks, chunks are rewritten. */
    static final int TARGET_FILL_RATE = 40;
    private static final int SMALLEST_REWRITE = 256 << 10;
    /**
     * The most one round rewrites: 4 MB of audit events' pages take about 30 MB of heap until their commit (32 MB,
     * once the limit, took more than the service's 256 MB heap).
     */
    static final int LARGEST_REWRITE = 4 << 20;
    /** Debt beyond this, run up while the chunks were full enough, is forgiven. */
    private static final long LARGEST_DEBT = 128L << 20;

    private final MVStore store;
    private long owed;
    private long writtenWhenLastOwed;

    FileCompaction(MVStore store) {
        this.store = store;
        store.setRetentionTime(0);
        this.writtenWhenLastOwed = bytesWritten();
    }

    void afterCommit() {
        long written = bytesWritten();
        owed = Math.min(owed + written - writtenWhenLastOwed, LARGEST_DEBT);
        writtenWhenLastOwed = written;
        if (owed < SMALLEST_REWRITE || fileSize() < SMALLEST_FILE_COMPACTED) {
            return;
        }
        while (owed >= SMALLEST_REWRITE) {
            int rewrite = (int) Math.min(owed, LARGEST_REWRITE);
            if (!store.compact(TARGET_FILL_RATE, rewrite)) {
                owed = 0; // full enough: no debt carried into a later burst of writes
                break;
            }
            store.commit();
            owed -= rewrite;
        }
        writtenWhenLastOwed = bytesWritten(); // what the rounds wrote owes nothing
    }

    /** The bytes written to the file since it was opened; 0 for a store whose file store does not count them. */
    private long bytesWritten() {
        return store.getFileStore() instanceof CountingFileStore file ? file.bytesWritten() : 0;
    }

    private long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }
}
