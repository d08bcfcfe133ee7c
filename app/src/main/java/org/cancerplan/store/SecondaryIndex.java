package org.cancerplan.store;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.cancerplan.store.SortedWalks.SortedEntry;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index in the store's MVStore file, changed in the same commit as its
 * documents. Each entry's key is the {@link IndexTokens tokens} of one key tuple of a
 * document followed by the token of the document's position (its _id), all text, so the
 * map stores it compactly (no Java serialization); the value is empty. A document with
 * arrays under its keys has one entry per element (multikey).
 * <p>
 * It answers a query that names its leading keys (at the top or in a top-level
 * {@code $and}) with equality, {@code $eq} or {@code $in} of plain values: the entries
 * under those values are a superset of the matches, and the collection matches the whole
 * query against them. Any other query is left to a scan.
 * <p>
 * The tokens sort as their values do, so the entries under single values of the leading
 * keys are also in the order of the next key: {@link #inSortOrder} walks them, forwards
 * or backwards, for a sort on that key.
 */
final class SecondaryIndex extends Index<Object> {

    /**
     * Walks merged for a sort under several values of the keys before the sort key
     * ({@code $in}).
     */
    private static final int MAX_MERGED_WALKS = 64;

    private static final String PRESENT = "";

    private final MVMap<String, String> entries;

    private final KeyTuples tuples;

    private final boolean servesQueries;

    private final AtomicLong queriesServed = new AtomicLong();

    private final AtomicLong candidatesReturned = new AtomicLong();

    private final AtomicLong walksInSortOrder = new AtomicLong();

    SecondaryIndex(MVMap<String, String> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
        this.tuples = new KeyTuples(keys(), sparse);
        // the matcher reads a numeric path segment as an array position, which the
        // entries do not follow
        this.servesQueries = keys().stream()
            .flatMap(key -> List.of(key.split("\\.", -1)).stream())
            .noneMatch(segment -> segment.isEmpty() || segment.chars().allMatch(Character::isDigit));
    }

    @Override
    public Object getPosition(Document document) {
        return null; // the _id index locates documents
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        refuseParallelArrays(document);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        String positionToken = IndexTokens.ofPosition(position);
        for (String tuple : tuples.of(document)) {
            entries.put(tuple + positionToken, PRESENT);
        }
    }

    @Override
    public Object remove(Document document) {
        Set<String> documentTuples = tuples.of(document);
        if (documentTuples.isEmpty()) {
            return null; // a sparse index without this document
        }
        Object position = document.get("_id");
        String positionToken = IndexTokens.ofPosition(position);
        for (String tuple : documentTuples) {
            entries.remove(tuple + positionToken);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        refuseParallelArrays(newDocument);
    }

    /**
     * Not unique, so any document may be added, but, as in MongoDB, a compound index
     * cannot hold one with arrays under two of its keys ("cannot index parallel arrays",
     * code 171): mongo-java-server's key expansion refuses it.
     */
    private void refuseParallelArrays(Document document) {
        if (keys().size() > 1) {
            getKeyValues(document);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Set<String> oldTuples = tuples.of(oldDocument);
        Set<String> newTuples = tuples.of(newDocument);
        String positionToken = IndexTokens.ofPosition(position);
        for (String tuple : oldTuples) {
            if (!newTuples.contains(tuple)) {
                entries.remove(tuple + positionToken);
            }
        }
        for (String tuple : newTuples) {
            if (!oldTuples.contains(tuple)) {
                entries.put(tuple + positionToken, PRESENT);
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return servesQueries && tuples.prefixesFor(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Set<Object> positions = new LinkedHashSet<>();
        int tupleTokens = keys().size();
        for (String prefix : tuples.prefixesFor(query)) {
            Iterator<String> keys = entries.keyIterator(prefix);
            String entry;
            while (keys.hasNext() && (entry = keys.next()).startsWith(prefix)) {
                positions.add(IndexTokens.position(entry, IndexTokens.afterTokens(entry, tupleTokens)));
            }
        }
        queriesServed.incrementAndGet();
        candidatesReturned.addAndGet(positions.size());
        return positions;
    }

    boolean startsWith(String key) {
        return keys().get(0).equals(key);
    }

    /**
     * How many keys come before {@code key} in this index (its size when it has none).
     */
    int keysBefore(String key) {
        int index = keys().indexOf(key);
        return index < 0 ? keys().size() : index;
    }

    /**
     * The entries that can match the query in the order of the sort's first field, when
     * that field is the key after keys the query names with values (at the top or in a
     * top-level {@code $and}; several with {@code $in}, whose walks are merged, up to
     * {@link #MAX_MERGED_WALKS} of them); null when it is not, or when the entries under
     * those values hold a value under the sort key whose token does not sort as it does
     * (every document's entries under them are then in order, though a document with an
     * array under the sort key has several, one per element). A sparse index walks only
     * under a value of its first key, which every matching document then has.
     */
    Iterator<SortedEntry> inSortOrder(Document query, Document orderBy) {
        String sortKey = orderBy.keySet().iterator().next();
        int sortKeyIndex = keys().indexOf(sortKey);
        if (!servesQueries || sortKeyIndex < 0 || !(orderBy.get(sortKey) instanceof Number direction)
                || (isSparse() && sortKeyIndex == 0)) {
            return null;
        }
        List<String> prefixes = tuples.prefixesBefore(query, sortKeyIndex, MAX_MERGED_WALKS);
        if (prefixes == null) {
            return null;
        }
        for (String prefix : prefixes) {
            String unordered = entries.ceilingKey(prefix + IndexTokens.UNORDERED);
            if (unordered != null && unordered.startsWith(prefix + IndexTokens.UNORDERED)) {
                return null;
            }
        }
        queriesServed.incrementAndGet();
        walksInSortOrder.incrementAndGet();
        boolean descending = direction.intValue() <= 0; // as DocumentComparator reads it
        List<Iterator<SortedEntry>> walks = prefixes.stream()
            .map(prefix -> SortedWalks.under(entries, keys().size(), prefix, descending, candidatesReturned))
            .toList();
        return walks.size() == 1 ? walks.get(0) : SortedWalks.merged(walks, descending);
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return EmbeddedStoreStats.bytesInTheFile(entries);
    }

    @Override
    public void drop() {
        // the database removes the map (H2Database.dropIndex), whose name follows the
        // unique indexes' pattern
    }

    long queriesServed() {
        return queriesServed.get();
    }

    long walksInSortOrder() {
        return walksInSortOrder.get();
    }

    /**
     * The positions this index gave for queries, and the entries it gave for walks in
     * sort order.
     */
    long candidatesReturned() {
        return candidatesReturned.get();
    }

    /**
     * The token strings of the document's key tuples, without its position (see
     * {@link KeyTuples#of}).
     */
    Set<String> tuplesOf(Document document) {
        return tuples.of(document);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + getName() + ", keys=" + keys() + "]";
    }

}
