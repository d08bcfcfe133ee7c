package org.cancerplan.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A unique index (the _id index among them) in the store's MVStore file, changed in the
 * same commit as its documents. Each entry maps the {@link IndexTokens#ofKey text} of a
 * normalised key tuple to the {@link IndexTokens#ofPosition token} of its document's
 * position, so the map stores and compares text; the stock {@code H2UniqueIndex}
 * Java-serializes both, and compares keys by serializing them. Lookups, duplicate checks
 * and their errors are {@link AbstractUniqueIndex}'s, as in the stock backend.
 */
final class UniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<String, String> entries;

    UniqueIndex(MVMap<String, String> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    /**
     * For a query that names the index's keys with values (the stock index: only one that
     * names them and nothing else), such as an update of one document on a condition
     * ({@code _id} and a version): the entries under those values are a superset of the
     * matches, and the collection matches the whole query against them. Not for values
     * that the entries cannot answer, which the stock index answers wrongly: an array
     * (the entries hold a document's array element by element, and a query for an array
     * also matches the whole array), and null in a sparse index (which lacks the
     * documents that match null by missing the key).
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        if (!query.keySet().containsAll(keySet())) {
            return false;
        }
        Document onKeys = onKeys(query);
        return super.canHandle(onKeys) && onKeys.values().stream().allMatch(this::answers);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        return super.getPositions(onKeys(query));
    }

    /** The query's conditions on the index's keys. */
    private Document onKeys(Document query) {
        Document onKeys = new Document();
        keys().forEach(key -> onKeys.put(key, query.get(key)));
        return onKeys;
    }

    private boolean answers(Object condition) {
        Collection<?> values = condition instanceof Document operators
                && operators.get("$in") instanceof Collection<?> in ? in : List.of(Missing.ofNullable(condition));
        return values.stream()
            .noneMatch(value -> value instanceof Collection<?> || isSparse() && Missing.isNullOrMissing(value));
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return positionOf(entries.remove(IndexTokens.ofKey(key)));
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return entries.putIfAbsent(IndexTokens.ofKey(key), IndexTokens.ofPosition(position)) == null;
    }

    /**
     * Every entry, for a regular expression on the key: rare, so decoded as it is read.
     */
    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> entries.entrySet()
            .stream()
            .map(entry -> Map.entry(IndexTokens.keyOf(entry.getKey()), positionOf(entry.getValue())))
            .iterator();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return positionOf(entries.get(IndexTokens.ofKey(key)));
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

    private static Object positionOf(String token) {
        return token == null ? null : IndexTokens.position(token, 0);
    }

}
