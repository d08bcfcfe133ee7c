package org.cancerplan.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.cancerplan.store.SortedWalks.SortedEntry;
import org.h2.mvstore.MVMap;

/**
 * A collection whose aggregations read, for a pipeline that starts with {@code $match},
 * only the documents that an index answering the match finds, one at a time as the
 * pipeline takes them. The stock aggregation reads every document of the collection
 * ({@code queryAllAsStream}) and matches afterwards; the pipeline's own {@code $match}
 * still runs on what this returns, so the result is the same.
 * <p>
 * A find with a sort and a limit reads, where a {@link SecondaryIndex} holds the
 * documents in the sort's order, only about as many documents as it returns, as MongoDB
 * does: the stock collection reads every candidate, sorts them all and then skips and
 * limits.
 */
final class IndexedCollection extends H2Collection {

    private record LeadingMatch(String collection, Document match) {
    }

    /**
     * The aggregation this thread is running, until its collection reads its documents.
     */
    private static final ThreadLocal<LeadingMatch> AGGREGATION = new ThreadLocal<>();

    private final MVMap<Object, Document> documents;

    IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.documents = dataMap;
    }

    /**
     * Updates one write at a time in this collection, so that each document is changed
     * only while it still matches the write's filter, as MongoDB guarantees per document:
     * the stock collection finds the matches and then changes them, so two conditional
     * writes at once (two instances claiming the same messages, two saves of one version)
     * could both change the same document. Reads do not wait.
     */
    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
            boolean isMulti, boolean isUpsert, Oplog oplog) {
        return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
    }

    /** One write at a time, as {@link #updateDocuments}. */
    @Override
    public synchronized Document findAndModify(Document query) {
        return super.findAndModify(query);
    }

    /** One write at a time, as {@link #updateDocuments}. */
    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return super.deleteDocuments(selector, limit, oplog);
    }

    /**
     * collStats with the sizes that MongoDB gives and the stock collection leaves at 0 or
     * counts: the bytes that the documents' pages and each index's take in the file
     * ({@link EmbeddedStoreStats#bytesInTheFile}).
     */
    @Override
    public Document getStats() {
        Document stats = super.getStats();
        stats.put("storageSize", EmbeddedStoreStats.bytesInTheFile(documents));
        stats.put("totalIndexSize", getIndexes().stream().mapToLong(Index::getDataSize).sum());
        return stats;
    }

    /**
     * Notes the aggregate command's leading {@code $match}, unless the pipeline has
     * variables it may refer to.
     */
    static void startAggregation(String collection, Document command) {
        if (!command.containsKey("let") && command.get("pipeline") instanceof List<?> stages && !stages.isEmpty()
                && stages.get(0) instanceof Document first && first.size() == 1
                && first.get("$match") instanceof Document match) {
            AGGREGATION.set(new LeadingMatch(collection, match));
        }
    }

    static void endAggregation() {
        AGGREGATION.remove();
    }

    /**
     * Walks the entries of an index in the order of the sort's first field and stops once
     * it has taken the skipped and the returned documents and every other with the same
     * value under that field (which further sort fields may place among them); those are
     * then sorted, skipped and limited as the stock collection does with all. A document
     * with an array under the sort key sorts by its least or greatest element, where the
     * walk may not meet it first: the query then takes the stock way. Without a limit,
     * and where a unique index answers the query or no index holds the sort's order, too.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        Iterator<SortedEntry> walk = limit > 0 && orderBy != null && !orderBy.isEmpty() ? walkFor(query, orderBy)
                : null;
        if (walk != null) {
            long wanted = (long) Math.max(numberToSkip, 0) + limit;
            List<Document> taken = takeInOrder(walk, query, orderBy.keySet().iterator().next(), wanted);
            if (taken != null) {
                return matchDocumentsFromStream(taken.stream(), query, orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * A walk of an index under values that the query names for the keys before the sort
     * key; else, when no index answers the query, of one that starts with the sort key
     * (all its entries, which still beats reading every document and sorting them all).
     * None when a unique index answers the query: it finds few documents.
     */
    private Iterator<SortedEntry> walkFor(Document query, Document orderBy) {
        if (getIndexes().stream().anyMatch(index -> index.isUnique() && index.canHandle(query))) {
            return null;
        }
        String sortKey = orderBy.keySet().iterator().next();
        List<SecondaryIndex> underValues = new ArrayList<>();
        List<SecondaryIndex> fromTheStart = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            if (index instanceof SecondaryIndex secondary) {
                (secondary.startsWith(sortKey) ? fromTheStart : underValues).add(secondary);
            }
        }
        Iterator<SortedEntry> walk = firstWalk(underValues, query, orderBy);
        if (walk != null || getIndexes().stream().anyMatch(index -> index.canHandle(query))) {
            return walk;
        }
        return firstWalk(fromTheStart, query, orderBy);
    }

    /**
     * The walk of the index with the most keys the query names before the sort key, among
     * those that can walk: it steps over the fewest entries that do not match (the
     * patient's events of one actor kind, not all of them).
     */
    private static Iterator<SortedEntry> firstWalk(List<SecondaryIndex> indexes, Document query, Document orderBy) {
        String sortKey = orderBy.keySet().iterator().next();
        return indexes.stream()
            .sorted(Comparator.comparingInt((SecondaryIndex index) -> index.keysBefore(sortKey)).reversed())
            .map(index -> index.inSortOrder(query, orderBy))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    }

    /**
     * The matching documents up to {@code wanted} and the ties of the last, in the walk's
     * order, or null when one of them has an array under the sort key.
     */
    private List<Document> takeInOrder(Iterator<SortedEntry> walk, Document query, String sortKey, long wanted) {
        List<Document> taken = new ArrayList<>();
        Set<Object> read = new HashSet<>();
        String lastTaken = null;
        while (walk.hasNext()) {
            SortedEntry entry = walk.next();
            if (taken.size() >= wanted && !entry.sortToken().equals(lastTaken)) {
                break;
            }
            if (!read.add(entry.position())) {
                continue; // a document with several entries here: an array under a later
                          // key
            }
            Document document = getDocument(entry.position());
            if (documentMatchesQuery(document, query)) {
                if (Utils.getSubdocumentValueCollectionAware(document, sortKey) instanceof Collection) {
                    return null;
                }
                taken.add(document);
                lastTaken = entry.sortToken();
            }
        }
        return taken;
    }

    /**
     * Every document, or for the aggregation this thread runs those its leading
     * {@code $match} finds through an index, read one at a time as the pipeline takes
     * them. The stock source answers a query for every document, which holds them all in
     * memory at once (a count of 100,000 invitations ran the service out of its heap).
     */
    @Override
    public Stream<Document> queryAllAsStream() {
        LeadingMatch aggregation = AGGREGATION.get();
        if (aggregation != null && aggregation.collection().equals(getFullName())) {
            AGGREGATION.remove(); // the pipeline's source; a later read ($lookup,
                                  // $unionWith) is of every document
            Document match = aggregation.match();
            Optional<Index<Object>> index = getIndexes().stream()
                .filter(candidate -> candidate.canHandle(match))
                .findFirst();
            if (index.isPresent()) {
                return StreamSupport.stream(index.get().getPositions(match).spliterator(), false)
                    .map(this::getDocument)
                    .filter(Objects::nonNull);
            }
        }
        return streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
    }

}
