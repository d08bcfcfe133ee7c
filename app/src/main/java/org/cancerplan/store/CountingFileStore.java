package org.cancerplan.store;

import java.nio.file.Path;
import java.util.HashMap;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.SingleFileStore;

/**
 * The store's file, telling how many bytes have been written to it since it was opened: H2 counts them, but tells
 * the count only among figures it computes by going through every chunk, too slow to ask at every commit.
 * {@link FileCompaction} asks at every commit.
 */
class CountingFileStore extends SingleFileStore {

    CountingFileStore() {
        super(new HashMap<>());
    }

    /** Opens (or creates) the file; a file another process has open is refused with {@link EmbeddedStore.InUse}. */
    static CountingFileStore open(Path file) {
        CountingFileStore store = new CountingFileStore();
        try {
            store.open(file.toString(), false, null);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new EmbeddedStore.InUse(file.getParent());
            }
            throw e;
        }
        return store;
    }

    long bytesWritten() {
        return writeBytes.get();
    }
}
