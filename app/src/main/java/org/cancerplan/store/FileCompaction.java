package org.cancerplan.store;

import org.h2.mvstore.MVStore;

/**
 * Keeps the store's file within a small multiple of its live data. A store that commits only when told
 * ({@code autoCommitDisabled()}) runs none of H2's background housekeeping, and every commit writes a new chunk, so
 * without this the file only grows. Each time the file has doubled since the last compaction (and is past
 * {@link #SMALLEST_FILE_COMPACTED}), H2 rewrites the chunks that are mostly dead and moves the rest together
 * ({@link MVStore#compactFile}), forcing the file to disk before it overwrites anything.
 * <p>
 * Runs after a commit, with commands excluded, as a commit does. Compacting sets H2's retention time to 0 for good, so
 * the space of dead chunks is reused at once: safe here, as no command reads while a commit runs (cursors hold their
 * documents) and {@link GroupCommit} never writes a commit while two before it await their force.
 */
final class FileCompaction {

    static final long SMALLEST_FILE_COMPACTED = 1 << 20;

    /** Long enough for one pass over a large store; a pass cut short is resumed at the next doubling. */
    private static final int MAX_COMPACTION_MILLIS = 500;

    private final MVStore store;
    private long sizeAfterCompaction;

    FileCompaction(MVStore store) {
        this.store = store;
        this.sizeAfterCompaction = fileSize();
    }

    void afterCommit() {
        if (fileSize() > Math.max(SMALLEST_FILE_COMPACTED, 2 * sizeAfterCompaction)) {
            store.compactFile(MAX_COMPACTION_MILLIS);
            sizeAfterCompaction = fileSize();
        }
    }

    private long fileSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }
}
