package org.cancerplan.store;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A change to stored documents or indexes that must happen before the indexes are ensured
 * at start-up. Runs at every start, so it must find what is left to do and do nothing
 * when nothing is.
 */
public interface StoreMigration {

    /** Brings older documents and indexes to the current shape. */
    void migrate(MongoTemplate mongo);

    /** Drops an index that has been replaced, if the collection still has it. */
    static void dropIndexIfPresent(MongoTemplate mongo, String collection, String indexName) {
        if (hasIndex(mongo, collection, indexName)) {
            mongo.indexOps(collection).dropIndex(indexName);
        }
    }

    static boolean hasIndex(MongoTemplate mongo, String collection, String indexName) {
        return mongo.collectionExists(collection) && mongo.indexOps(collection)
            .getIndexInfo()
            .stream()
            .anyMatch(index -> index.getName().equals(indexName));
    }

}
