package org.cancerplan.store;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * The H2 MVStore backend, committing after every command that changed data, and serving non-unique indexes
 * ({@link SecondaryIndex}) where the stock backend ignores them. The stock backend commits lazily, so a process killed
 * right after a write would lose it; here a write that was acknowledged is in the file, with its index entries.
 */
class DurableH2Backend extends H2Backend {

    DurableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            if (getMvStore().hasUnsavedChanges()) {
                commit();
            }
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName);
    }

    /**
     * An inner class because H2Database opens the stored indexes in its constructor, before a subclass's own fields
     * are set; the enclosing backend, and so the MVStore, is reachable already.
     */
    private final class IndexedDatabase extends H2Database {

        IndexedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /**
         * Opens the index's map, named as H2Database names index maps so that dropping the index or its collection
         * removes it. A map that is empty (the index is new, or the store was written before indexes were served) is
         * filled from the collection's documents when the collection adds the index.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVMap<String, Object> entries = getMvStore().openMap(mapName,
                    new MVMap.Builder<String, Object>().keyType(StringDataType.INSTANCE));
            return new SecondaryIndex(entries, indexName, keys, sparse);
        }
    }
}
