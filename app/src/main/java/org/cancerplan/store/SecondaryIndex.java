package org.cancerplan.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index in the store's MVStore file, changed in the same commit as its documents. Each entry's key is
 * the {@link IndexTokens tokens} of one key tuple of a document followed by the token of the document's position
 * (its _id), all text, so the map stores it compactly (no Java serialization); the value is empty. A document with
 * arrays under its keys has one entry per element (multikey).
 * <p>
 * It answers a query that names its leading keys (at the top or in a top-level {@code $and}) with equality,
 * {@code $eq} or {@code $in} of plain values: the entries under those values are a superset of the matches, and the
 * collection matches the whole query against them. Any other query is left to a scan.
 * <p>
 * The tokens sort as their values do, so the entries under single values of the leading keys are also in the order of
 * the next key: {@link #inSortOrder} walks them, forwards or backwards, for a sort on that key.
 */
final class SecondaryIndex extends Index<Object> {

    /** Beyond this many value combinations of the leading keys, further keys are left to the matcher. */
    private static final int MAX_PREFIXES = 1_000;
    /** Walks merged for a sort under several values of the keys before the sort key ({@code $in}). */
    private static final int MAX_MERGED_WALKS = 64;

    private static final String PRESENT = "";

    private final MVMap<String, String> entries;
    private final boolean servesQueries;
    private final AtomicLong queriesServed = new AtomicLong();
    private final AtomicLong candidatesReturned = new AtomicLong();
    private final AtomicLong walksInSortOrder = new AtomicLong();

    SecondaryIndex(MVMap<String, String> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
        // the matcher reads a numeric path segment as an array position, which the entries do not follow
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
        for (String tuple : tuplesOf(document)) {
            entries.put(tuple + positionToken, PRESENT);
        }
    }

    @Override
    public Object remove(Document document) {
        Set<String> tuples = tuplesOf(document);
        if (tuples.isEmpty()) {
            return null; // a sparse index without this document
        }
        Object position = document.get("_id");
        String positionToken = IndexTokens.ofPosition(position);
        for (String tuple : tuples) {
            entries.remove(tuple + positionToken);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        refuseParallelArrays(newDocument);
    }

    /**
     * Not unique, so any document may be added, but, as in MongoDB, a compound index cannot hold one with arrays under
     * two of its keys ("cannot index parallel arrays", code 171): mongo-java-server's key expansion refuses it.
     */
    private void refuseParallelArrays(Document document) {
        if (keys().size() > 1) {
            getKeyValues(document);
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        Set<String> oldTuples = tuplesOf(oldDocument);
        Set<String> newTuples = tuplesOf(newDocument);
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
        return servesQueries && prefixesFor(query) != null;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Set<Object> positions = new LinkedHashSet<>();
        int tupleTokens = keys().size();
        for (String prefix : prefixesFor(query)) {
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

    /** How many keys come before {@code key} in this index (its size when it has none). */
    int keysBefore(String key) {
        int index = keys().indexOf(key);
        return index < 0 ? keys().size() : index;
    }

    /** An entry of a walk in sort order: the document's position and the token of its value under the sort key. */
    record SortedEntry(Object position, String sortToken) {
    }

    /**
     * The entries that can match the query in the order of the sort's first field, when that field is the key after
     * keys the query names with values (at the top or in a top-level {@code $and}; several with {@code $in}, whose
     * walks are merged, up to {@link #MAX_MERGED_WALKS} of them); null when it is not, or
     * when the entries under those values hold a value under the sort key whose token does not sort as it does
     * (every document's entries under them are then in order, though a document with an array under the sort key has
     * several, one per element). A sparse index walks only under a value of its first key, which every matching
     * document then has.
     */
    Iterator<SortedEntry> inSortOrder(Document query, Document orderBy) {
        String sortKey = orderBy.keySet().iterator().next();
        int sortKeyIndex = keys().indexOf(sortKey);
        if (!servesQueries || sortKeyIndex < 0 || !(orderBy.get(sortKey) instanceof Number direction)
                || (isSparse() && sortKeyIndex == 0)) {
            return null;
        }
        Map<String, Object> conditions = new HashMap<>();
        collectConditions(query, conditions);
        List<String> prefixes = List.of("");
        for (String key : keys().subList(0, sortKeyIndex)) {
            List<String> tokens = conditions.containsKey(key) ? tokensFor(conditions.get(key)) : null;
            if (tokens == null || (long) prefixes.size() * tokens.size() > MAX_MERGED_WALKS) {
                return null;
            }
            prefixes = combined(prefixes, tokens);
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
        List<Iterator<SortedEntry>> walks = prefixes.stream().map(prefix -> sortedEntries(prefix, descending)).toList();
        return walks.size() == 1 ? walks.get(0) : merged(walks, descending);
    }

    /**
     * The entries of several walks as one walk in the sort's order: each walk is in that order, and sort tokens
     * compare as the values they stand for.
     */
    private static Iterator<SortedEntry> merged(List<Iterator<SortedEntry>> walks, boolean descending) {
        Comparator<WalkHead> ascending = Comparator.comparing(head -> head.entry().sortToken());
        PriorityQueue<WalkHead> heads = new PriorityQueue<>(descending ? ascending.reversed() : ascending);
        for (Iterator<SortedEntry> walk : walks) {
            if (walk.hasNext()) {
                heads.add(new WalkHead(walk.next(), walk));
            }
        }
        return new Iterator<>() {

            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public SortedEntry next() {
                WalkHead head = heads.remove();
                if (head.walk().hasNext()) {
                    heads.add(new WalkHead(head.walk().next(), head.walk()));
                }
                return head.entry();
            }
        };
    }

    /** A walk's next entry, and the rest of the walk. */
    private record WalkHead(SortedEntry entry, Iterator<SortedEntry> walk) {
    }

    private Iterator<SortedEntry> sortedEntries(String prefix, boolean descending) {
        // every entry under the prefix sorts before the prefix followed by the greatest character
        Iterator<String> keys = descending ? entries.keyIteratorReverse(prefix + Character.MAX_VALUE)
                : entries.keyIterator(prefix);
        int tupleTokens = keys().size();
        return new Iterator<>() {

            private String next = advance();

            private String advance() {
                String entry = keys.hasNext() ? keys.next() : null;
                return entry != null && entry.startsWith(prefix) ? entry : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SortedEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String entry = next;
                next = advance();
                candidatesReturned.incrementAndGet();
                String sortToken = entry.substring(prefix.length(), entry.indexOf('\0', prefix.length()) + 1);
                return new SortedEntry(IndexTokens.position(entry, IndexTokens.afterTokens(entry, tupleTokens)),
                        sortToken);
            }
        };
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
        // the database removes the map (H2Database.dropIndex), whose name follows the unique indexes' pattern
    }

    long queriesServed() {
        return queriesServed.get();
    }

    long walksInSortOrder() {
        return walksInSortOrder.get();
    }

    /** The positions this index gave for queries, and the entries it gave for walks in sort order. */
    long candidatesReturned() {
        return candidatesReturned.get();
    }

    /**
     * The token strings of the document's key tuples (without its position): every combination of the values found
     * under each key. None for a sparse index when the document has no value under any key.
     */
    Set<String> tuplesOf(Document document) {
        List<String> tuples = List.of("");
        boolean allNull = true;
        for (String key : keys()) {
            Set<String> tokens = new LinkedHashSet<>();
            collectTokens(document, List.of(key.split("\\.", -1)), 0, tokens);
            allNull &= tokens.equals(Set.of(IndexTokens.NULL));
            tuples = combined(tuples, tokens);
        }
        if (allNull && isSparse()) {
            return Set.of();
        }
        return new LinkedHashSet<>(tuples);
    }

    /**
     * Walks the path as the query matcher does: through arrays at every level, into the last value's array and the
     * arrays in it.
     */
    private static void collectTokens(Object container, List<String> path, int segment, Set<String> tokens) {
        if (container instanceof List<?> list) {
            if (list.isEmpty()) {
                tokens.add(IndexTokens.NULL);
            }
            for (Object element : list) {
                collectTokens(element, path, segment, tokens);
            }
            return;
        }
        if (!(container instanceof Document document)) {
            tokens.add(IndexTokens.NULL);
            return;
        }
        Object value = document.getOrMissing(path.get(segment));
        if (segment < path.size() - 1) {
            collectTokens(value, path, segment + 1, tokens);
        } else if (value instanceof Collection<?> values) {
            if (values.isEmpty()) {
                tokens.add(IndexTokens.NULL);
            }
            for (Object element : values) {
                tokens.add(IndexTokens.ofDocumentValue(element));
                if (element instanceof Collection<?> nested) {
                    // $in also matches the elements of an array nested in the array
                    nested.forEach(inner -> tokens.add(IndexTokens.ofDocumentValue(inner)));
                }
            }
        } else {
            tokens.add(IndexTokens.ofDocumentValue(value));
        }
    }

    /**
     * The token prefixes of the entries that can match the query, from the conditions on its leading keys; null
     * when the query has no condition this index can answer on its first key.
     */
    private List<String> prefixesFor(Document query) {
        Map<String, Object> conditions = new HashMap<>();
        collectConditions(query, conditions);
        List<String> prefixes = null;
        for (String key : keys()) {
            List<String> tokens = conditions.containsKey(key) ? tokensFor(conditions.get(key)) : null;
            if (tokens == null) {
                break;
            }
            if (prefixes == null) {
                prefixes = tokens;
            } else if ((long) prefixes.size() * tokens.size() <= MAX_PREFIXES) {
                prefixes = combined(prefixes, tokens);
            } else {
                break;
            }
        }
        return prefixes;
    }

    /**
     * The query's conditions on fields, with those of its top-level {@code $and}: every one must hold, so any one of
     * them on a key bounds the candidates.
     */
    private static void collectConditions(Document query, Map<String, Object> conditions) {
        query.forEach((key, condition) -> {
            if (key.equals("$and") && condition instanceof List<?> clauses) {
                clauses.stream()
                        .filter(Document.class::isInstance)
                        .forEach(clause -> collectConditions((Document) clause, conditions));
            } else if (!key.startsWith("$")) {
                conditions.putIfAbsent(key, condition);
            }
        });
    }

    /** The tokens of the values a condition accepts, or null when the index cannot answer it. */
    private List<String> tokensFor(Object condition) {
        Collection<?> values;
        if (condition instanceof Document operators) {
            if (operators.keySet().equals(Set.of("$eq"))) {
                values = List.of(Missing.ofNullable(operators.get("$eq")));
            } else if (operators.keySet().equals(Set.of("$in")) && operators.get("$in") instanceof Collection<?> in) {
                values = in;
            } else {
                return null;
            }
        } else {
            values = List.of(Missing.ofNullable(condition));
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (Object value : values) {
            String token = IndexTokens.ofQueryValue(value);
            if (token == null || (isSparse() && token.equals(IndexTokens.NULL))) {
                return null; // a sparse index lacks the documents that match null by missing the key
            }
            tokens.add(token);
        }
        return new ArrayList<>(tokens);
    }

    private static List<String> combined(List<String> prefixes, Collection<String> tokens) {
        List<String> combined = new ArrayList<>(prefixes.size() * tokens.size());
        for (String prefix : prefixes) {
            for (String token : tokens) {
                combined.add(prefix + token);
            }
        }
        return combined;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[name=" + getName() + ", keys=" + keys() + "]";
    }
}
