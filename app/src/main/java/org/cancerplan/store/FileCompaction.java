package org.cancerplan.store;

import org.h2.mvstore.MVStore;

/**
 * Keeps the store's file within a small multiple of its live data. A store that commits only when told
 * ({@code autoCommitDisabled()}) runs none of H2's background housekeeping, every commit writes a new chunk, and H2
 * reuses the space of a dead chunk only after its retention time (45 s), so without this the file only grows. Here
 * the space of dead chunks is reused at once (retention time 0), and each time the file has grown by half since the
 * last compaction (and is past {@link #SMALLEST_FILE_COMPACTED}), the chunks that are mostly dead are rewritten
 * ({@link MVStore#compact}) so that they die too. The file does not shrink; it stops growing.
 * <p>
 * Runs after a commit, with commands excluded, as a commit does. Retention time 0 is safe here: no command reads while
 * a commit runs (cursors hold their documents), and {@link GroupCommit} never writes a commit while two before it
 * await their force. H2's {@code compactFile}, which also moves chunks to shrink the file, is not used: with
 * assertions on, its chunk moves failed H2's own free-space checks under concurrent writers (H2 2.4.240).
 */
final class FileCompaction {

    static final long SMALLEST_FILE_COMPACTED = 1 << 20;

    private static final int TARGET_FILL_RATE = 50;
    private static final int MAX_REWRITE_BYTES = 16 << 20;

    private final MVStore store;
    private long sizeAfterCompaction;

    FileCompaction(MVStore store) {
        this.store = store;
        this.sizeAfterCompaction = fileSize();
        store.setRetentionTime(0);
    }

    void afterCommit() {
        long size = fileSize();
        if (size > Math.max(SMALLEST_FILE_COMPACTED, sizeAfterCompaction + sizeAfterCompaction / 2)) {
            if (store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES)) {
                store.commit();
            }
            sizeAfterCompaction = fileSize();
        }
    }

    private long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }
}
