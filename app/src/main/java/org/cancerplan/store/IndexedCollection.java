package org.cancerplan.store;

import java.util.List;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A collection whose aggregations read, for a pipeline that starts with {@code $match}, only the documents that
 * match it, found through an index where one answers the match. The stock aggregation reads every document of the
 * collection ({@code queryAllAsStream}) and matches afterwards; the pipeline's own {@code $match} still runs on what
 * this returns, so the result is the same.
 */
final class IndexedCollection extends H2Collection {

    private record LeadingMatch(String collection, Document match) {
    }

    /** The aggregation this thread is running, until its collection reads its documents. */
    private static final ThreadLocal<LeadingMatch> AGGREGATION = new ThreadLocal<>();

    IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /** Notes the aggregate command's leading {@code $match}, unless the pipeline has variables it may refer to. */
    static void startAggregation(String collection, Document command) {
        if (!command.containsKey("let") && command.get("pipeline") instanceof List<?> stages && !stages.isEmpty() && stages.get(0) instanceof Document first
                && first.size() == 1 && first.get("$match") instanceof Document match) {
            AGGREGATION.set(new LeadingMatch(collection, match));
        }
    }

    static void endAggregation() {
        AGGREGATION.remove();
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        LeadingMatch aggregation = AGGREGATION.get();
        if (aggregation == null || !aggregation.collection().equals(getFullName())) {
            return super.queryAllAsStream();
        }
        AGGREGATION.remove(); // the pipeline's source; a later read of this collection ($lookup, $unionWith) is whole
        return handleQueryAsStream(aggregation.match());
    }
}
