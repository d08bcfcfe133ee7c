package org.cancerplan.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired documents from the embedded store, which ignores
 * {@code expireAfterSeconds} (MongoDB deletes them itself). The rule is MongoDB's: for
 * each single-field index with {@code expireAfterSeconds}, a document expires once that
 * many seconds have passed since the date in the field (the earliest, when it holds an
 * array of dates); a document whose field holds no date never expires. The deletes go
 * through the wire protocol like any other, so the store's indexes and commits follow.
 */
class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final MongoTemplate mongo;

    private final Clock clock;

    ExpirySweeper(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cancerplan.store.expiry-interval:" + StoreProperties.DEFAULT_EXPIRY_INTERVAL + "}")
    void scheduled() {
        try {
            sweep();
        }
        catch (RuntimeException failure) {
            log.warn("Deleting expired documents from the embedded store failed: {}", failure.getMessage(), failure);
        }
    }

    /** Deletes every document that has expired by now; returns how many. */
    long sweep() {
        Instant now = clock.instant();
        long deleted = 0;
        for (String name : mongo.getCollectionNames()) {
            MongoCollection<Document> collection = mongo.getCollection(name);
            for (Document index : collection.listIndexes()) {
                Document keys = index.get("key", Document.class);
                if (index.get("expireAfterSeconds") instanceof Number seconds && keys.size() == 1) {
                    deleted += collection
                        .deleteMany(
                                expired(index, keys.keySet().iterator().next(), now.minusSeconds(seconds.longValue())))
                        .getDeletedCount();
                }
            }
        }
        if (deleted > 0) {
            log.info("Deleted {} expired documents", deleted);
        }
        return deleted;
    }

    /**
     * A date compares only with dates ({@code $lt} matches an array when any element
     * does, so when its earliest date does); a TTL index with a partial filter expires
     * only the documents it indexes.
     */
    private static Document expired(Document index, String field, Instant cutoff) {
        Document older = new Document(field, new Document("$lt", Date.from(cutoff)));
        Document partial = index.get("partialFilterExpression", Document.class);
        return partial == null ? older : new Document("$and", List.of(partial, older));
    }

}
