package org.cancerplan.store;

import org.h2.mvstore.MVStore;

/**
 * Keeps the store's file within a small multiple of its live data. Every commit writes the pages it changed to a new
 * chunk; a chunk's space is reused only once none of its pages is live any more (at once: retention time 0). Scattered
 * writes, such as audit events whose index entries land all over their B-trees, leave most chunks partly live for a
 * long time, so without help the file only grows (14.7 GB after a million audit events).
 * <p>
 * So each commit owes a rewrite as large as what it wrote (looked at every {@link #COMMITS_PER_LOOK} commits). Once
 * the debt reaches {@link #SMALLEST_REWRITE}, and while less than {@link #TARGET_FILL_RATE} % of the chunks' bytes are
 * live, the live pages of the emptiest and oldest chunks are written again ({@link MVStore#compact}), so that those
 * chunks die; what that rewrite writes owes nothing. A rewrite reads its pages into the heap, where a page of
 * documents takes several times its bytes in the file, so it goes in rounds of at most {@link #LARGEST_REWRITE}
 * bytes, each committed before the next (at most {@link #ROUNDS_PER_LOOK} rounds). The rewriting keeps pace with
 * the writing whatever the load, and costs nothing while the chunks are full enough. The file does not shrink below
 * the end of its last chunk; it stops growing.
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
    private static final int ROUNDS_PER_LOOK = 8;
    private static final long LARGEST_DEBT = 128L << 20;
    /**
     * Commits between two looks at what was written: a look goes through every chunk several times (H2 tells the bytes
     * written only among figures it computes from all of them): about 5 % of the service's CPU under the access
     * log's load when done at every commit.
     */
    private static final int COMMITS_PER_LOOK = 16;

    private final MVStore store;
    private long owed;
    private long writtenWhenLastOwed;
    private int commitsSinceLook;

    FileCompaction(MVStore store) {
        this.store = store;
        store.setRetentionTime(0);
        this.writtenWhenLastOwed = bytesWritten();
    }

    void afterCommit() {
        if (++commitsSinceLook < COMMITS_PER_LOOK) {
            return;
        }
        commitsSinceLook = 0;
        long written = bytesWritten();
        owed = Math.min(owed + written - writtenWhenLastOwed, LARGEST_DEBT);
        writtenWhenLastOwed = written;
        if (fileSize() < SMALLEST_FILE_COMPACTED) {
            return;
        }
        int rounds = 0;
        while (rounds < ROUNDS_PER_LOOK && owed >= SMALLEST_REWRITE) {
            int rewrite = (int) Math.min(owed, LARGEST_REWRITE);
            if (!store.compact(TARGET_FILL_RATE, rewrite)) {
                owed = 0; // full enough: no debt carried into a later burst of writes
                break;
            }
            store.commit();
            owed -= rewrite;
            rounds++;
        }
        if (rounds > 0) {
            writtenWhenLastOwed = bytesWritten(); // what the rounds wrote owes nothing
        }
    }

    /** The bytes written to the file since it was opened, which H2 tells only among its other figures. */
    private long bytesWritten() {
        if (store.getFileStore() == null) {
            return 0;
        }
        long[] written = new long[1];
        store.getFileStore().populateInfo((name, value) -> {
            if (name.equals("info.FILE_WRITE_BYTES")) {
                written[0] = Long.parseLong(value);
            }
        });
        return written[0];
    }

    private long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }
}
