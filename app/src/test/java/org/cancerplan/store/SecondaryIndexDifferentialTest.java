package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexed embedded store against mongo-java-server's in-memory backend, which serves
 * no secondary index (the oracle): the same random documents, writes and queries must
 * give the same answers, and the same duplicate key errors from the unique indexes; finds
 * with a sort, a skip and a limit the same documents in the same order. The seed is in
 * every failure message; {@code -Dindex.seed=...} replays a run.
 */
class SecondaryIndexDifferentialTest {

    private static final int OPERATIONS = 2_000;

    private static final int DUPLICATE_KEY = 11000;

    private static final int CANNOT_INDEX_PARALLEL_ARRAYS = 171;

    private static final List<List<String>> COMPOUND_INDEXES = List.of(List.of("b", "c"), List.of("nested.x", "_id"),
            List.of("items.k", "a"));

    private static final List<ObjectId> OBJECT_IDS = List.of(new ObjectId("5f0000000000000000000001"),
            new ObjectId("5f0000000000000000000002"), new ObjectId("5f0000000000000000000003"));

    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-06-30T12:00:00.123Z"));

    @TempDir
    Path directory;

    private final long seed = Long.getLong("index.seed", System.nanoTime());

    private final Random random = new Random(seed);

    private DurableH2Backend backend;

    private MemoryBackend oracleBackend;

    private int duplicatesRefused;

    private int parallelArraysRefused;

    private int sortedFindsCompared;

    private MongoServer indexedServer;

    private MongoServer oracleServer;

    private MongoClient indexedClient;

    private MongoClient oracleClient;

    private MongoCollection<Document> indexed;

    private MongoCollection<Document> oracle;

    @BeforeEach
    void openBoth() {
        backend = new DurableH2Backend(DurableH2Backend
            .committingOnlyWhenTold(new MVStore.Builder().fileName(directory.resolve("store.mv.db").toString()))
            .open());
        indexedServer = new MongoServer(backend);
        indexedServer.bind("127.0.0.1", 0);
        oracleBackend = new MemoryBackend();
        oracleServer = new MongoServer(oracleBackend);
        oracleServer.bind("127.0.0.1", 0);
        indexedClient = MongoClients.create("mongodb://127.0.0.1:" + indexedServer.getLocalAddress().getPort());
        oracleClient = MongoClients.create("mongodb://127.0.0.1:" + oracleServer.getLocalAddress().getPort());
        indexed = indexedClient.getDatabase("test").getCollection("things");
        oracle = oracleClient.getDatabase("test").getCollection("things");
        for (MongoCollection<Document> things : List.of(indexed, oracle)) {
            things.createIndex(new Document("a", 1));
            things.createIndex(new Document("b", 1).append("c", -1));
            things.createIndex(new Document("tags", 1));
            things.createIndex(new Document("nested.x", 1).append("_id", -1));
            things.createIndex(new Document("items.k", 1).append("a", 1));
            things.createIndex(new Document("s", 1), new IndexOptions().sparse(true));
            things.createIndex(new Document("u", 1), new IndexOptions().unique(true));
            things.createIndex(new Document("v", 1), new IndexOptions().unique(true).sparse(true));
        }
    }

    @AfterEach
    void closeBoth() {
        indexedClient.close();
        oracleClient.close();
        indexedServer.shutdownNow();
        oracleServer.shutdownNow();
    }

    @Test
    void answersAsTheUnindexedOracleDoesThroughRandomWrites() {
        int nextId = 0;
        for (int operation = 0; operation < OPERATIONS; operation++) {
            int kind = random.nextInt(100);
            String step = "seed " + seed + ", operation " + operation + ": ";
            if (kind < 35 || operation < 100) {
                Document document = randomDocument(nextId++);
                both(step + "insert " + document.toJson(), things -> {
                    things.insertOne(new Document(document));
                    return "inserted";
                });
            }
            else if (kind < 50) {
                Bson filter = randomFilter();
                Document update = randomUpdate();
                both(step + "updateMany " + filter + " " + update,
                        things -> things.updateMany(filter, update).getMatchedCount());
            }
            else if (kind < 57) {
                Bson filter = randomFilter();
                both(step + "deleteMany " + filter, things -> things.deleteMany(filter).getDeletedCount());
            }
            else if (kind < 65) {
                Bson filter = random.nextBoolean() ? randomFilter() : uniqueKeyAndMore();
                Document update = random.nextBoolean() ? randomUpdate() : randomUniqueUpdate();
                both(step + "findOneAndUpdate " + filter + " " + update, things -> idOf(things.findOneAndUpdate(filter,
                        update, new FindOneAndUpdateOptions().sort(Sorts.ascending("_id")))));
            }
            else if (kind < 70) {
                Bson filter = randomFilter();
                both(step + "findOneAndDelete " + filter, things -> idOf(
                        things.findOneAndDelete(filter, new FindOneAndDeleteOptions().sort(Sorts.ascending("_id")))));
            }
            else if (kind < 85) {
                int which = random.nextInt(4);
                Bson filter = which == 0 ? randomUniqueFilter() : which == 1 ? uniqueKeyAndMore() : randomFilter();
                both(step + "find " + filter, things -> ids(things.find(filter)));
                both(step + "count " + filter, things -> things.countDocuments(filter));
            }
            else {
                Document sort = randomSort();
                Bson filter = filterBeforeSortKey(sort.keySet().iterator().next());
                int skip = List.of(0, 0, 0, 1, 3, 10).get(random.nextInt(6));
                int limit = 1 + random.nextInt(15);
                int batchSize = random.nextInt(4) == 0 ? 2 : 0;
                if (oracle.find(filter)
                    .into(new ArrayList<>())
                    .stream()
                    .noneMatch(document -> sort.keySet()
                        .stream()
                        .anyMatch(key -> valueForSort(document, List.of(key.split("\\.")), 0) instanceof List<?> values
                                && values.isEmpty()))) {
                    both(step + "find " + filter + " sort " + sort.toJson() + " skip " + skip + " limit " + limit,
                            things -> idsInOrder(
                                    things.find(filter).sort(sort).skip(skip).limit(limit).batchSize(batchSize)));
                    sortedFindsCompared++;
                }
            }
        }
        assertThat(ids(indexed.find())).as("seed " + seed + ": all documents").isEqualTo(ids(oracle.find()));
        sortedFindsOnOrderableValues();
        assertThat(backend.resolveDatabase("test").resolveCollection("things", true).getIndexes())
            .filteredOn(SecondaryIndex.class::isInstance)
            .hasSize(6)
            .allSatisfy(index -> assertThat(((SecondaryIndex) index).queriesServed()).as("queries served by " + index)
                .isPositive());
        assertThat(backend.resolveDatabase("test").resolveCollection("things", true).getIndexes())
            .filteredOn(
                    index -> List.of("a_1", "b_1_c_-1", "nested.x_1__id_-1", "items.k_1_a_1").contains(index.getName()))
            .hasSize(4)
            .allSatisfy(index -> assertThat(((SecondaryIndex) index).walksInSortOrder())
                .as("seed " + seed + ": sorted finds walked by " + index)
                .isPositive());
        assertThat(uniqueIndexEntries(backend)).as("seed " + seed + ": unique index entries")
            .containsOnlyKeys("_id_", "u_1", "v_1")
            .isEqualTo(uniqueIndexEntries(oracleBackend));
        assertThat(duplicatesRefused).as("seed " + seed + ": duplicate keys refused").isGreaterThan(20);
        assertThat(parallelArraysRefused).as("seed " + seed + ": parallel arrays refused").isGreaterThan(5);
        assertThat(sortedFindsCompared).as("seed " + seed + ": sorted finds compared").isGreaterThan(150);
    }

    /**
     * The random values often hold an array, a subdocument or another unordered value
     * under a sort key somewhere in an index, and then no walk of it is allowed: the same
     * kinds of sorted finds on orderable values only, so that every index that can hold a
     * sort's order is walked and compared with the oracle whatever the seed.
     */
    private void sortedFindsOnOrderableValues() {
        both("remove all", things -> things.deleteMany(new Document()).getDeletedCount());
        for (int i = 0; i < 60; i++) {
            Document document = new Document("_id", i).append("a", i % 7)
                .append("b", i % 3)
                .append("c", "c" + i % 5)
                .append("nested", new Document("x", i % 4))
                .append("items", List.of(new Document("k", i % 2)))
                .append("u", "orderable-" + i);
            both("insert " + document.toJson(), things -> {
                things.insertOne(new Document(document));
                return null;
            });
        }
        Map<Bson, Document> sorts = Map.of(new Document(), new Document("a", 1).append("_id", 1), new Document("b", 1),
                new Document("c", -1).append("_id", 1), new Document("nested.x", 2), new Document("_id", -1),
                new Document("items.k", 0), new Document("a", -1).append("_id", -1),
                new Document("b", new Document("$in", List.of(0, 2))), new Document("c", 1).append("_id", -1),
                new Document("items.k", new Document("$in", List.of(0, 1))), new Document("a", 1).append("_id", 1));
        sorts.forEach((filter, sort) -> both("find " + filter + " sort " + sort.toJson() + " limit 5",
                things -> idsInOrder(things.find(filter).sort(sort).limit(5))));
    }

    private static Map<String, Long> uniqueIndexEntries(MongoBackend backend) {
        Map<String, Long> entries = new LinkedHashMap<>();
        backend.resolveDatabase("test")
            .resolveCollection("things", true)
            .getIndexes()
            .stream()
            .filter(Index::isUnique)
            .forEach(index -> entries.put(index.getName(), index.getCount()));
        return entries;
    }

    /**
     * The error's message if it is a duplicate key error: the same text from both stores.
     */
    private static Optional<String> duplicateKeyError(MongoException e) {
        if (e.getCode() != DUPLICATE_KEY) {
            return Optional.empty();
        }
        return Optional.of(e instanceof MongoWriteException write ? write.getError().getMessage()
                : e instanceof MongoCommandException command ? command.getErrorMessage() : e.getMessage());
    }

    /**
     * Runs the same step on both stores: the same answer, the same duplicate key error,
     * or another failure on both.
     */
    private void both(String step, Function<MongoCollection<Document>, Object> action) {
        Object expected;
        boolean oracleRefused = false;
        try {
            expected = action.apply(oracle);
        }
        catch (MongoException e) {
            oracleRefused = true;
            expected = duplicateKeyError(e).orElse("failed");
            duplicatesRefused += expected.equals("failed") ? 0 : 1;
        }
        Object actual;
        try {
            actual = action.apply(indexed);
        }
        catch (MongoException e) {
            if (e.getCode() == CANNOT_INDEX_PARALLEL_ARRAYS) {
                refusedAsParallelArrays(step, oracleRefused);
                return;
            }
            actual = duplicateKeyError(e).orElse("failed: " + e.getMessage());
        }
        if ("failed".equals(expected) && actual instanceof String text && text.startsWith("failed")) {
            return;
        }
        assertThat(actual).as(() -> step + "; the oracle holds, after the step: " + oracleDocuments())
            .isEqualTo(expected);
    }

    /**
     * The oracle keeps no compound indexes, so it takes documents with arrays under two
     * keys of one, which MongoDB and the indexed store refuse. Unless the oracle refused
     * the step too (say, a duplicate key, which the indexed store may find after the
     * arrays), the refusal must be right: the oracle now holds such a document. The
     * oracle then takes the indexed store's documents, and the comparison goes on from
     * there.
     */
    private void refusedAsParallelArrays(String step, boolean oracleRefused) {
        parallelArraysRefused++;
        if (!oracleRefused) {
            assertThat(oracle.find().into(new ArrayList<>())).as(step + ": refused as parallel arrays")
                .anyMatch(SecondaryIndexDifferentialTest::hasParallelArrays);
        }
        List<Document> kept = indexed.find().into(new ArrayList<>());
        oracle.deleteMany(new Document());
        if (!kept.isEmpty()) {
            oracle.insertMany(kept);
        }
    }

    /**
     * As mongo-java-server's Index: the first array on each key's path, and two keys
     * reaching different ones.
     */
    private static boolean hasParallelArrays(Document document) {
        for (List<String> keys : COMPOUND_INDEXES) {
            Set<String> arrayPaths = new TreeSet<>();
            for (String key : keys) {
                Object value = document;
                StringBuilder path = new StringBuilder();
                for (String segment : key.split("\\.")) {
                    value = value instanceof Document nested ? nested.get(segment) : null;
                    path.append('.').append(segment);
                    if (value instanceof List<?>) {
                        arrayPaths.add(path.toString());
                        break;
                    }
                }
            }
            if (arrayPaths.size() > 1) {
                return true;
            }
        }
        return false;
    }

    private List<String> oracleDocuments() {
        List<String> documents = new ArrayList<>();
        oracle.find().forEach(document -> documents.add(document.toJson()));
        return documents;
    }

    private static Object idOf(Document document) {
        return document == null ? "none" : document.get("_id");
    }

    private static Set<String> ids(Iterable<Document> documents) {
        Set<String> ids = new TreeSet<>();
        documents.forEach(document -> ids.add(String.valueOf(document.get("_id"))));
        return ids;
    }

    /**
     * As the oracle's list of ids in its order: a sort ending with _id is total, so there
     * is one right answer.
     */
    private static List<Object> idsInOrder(Iterable<Document> documents) {
        List<Object> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /**
     * The value mongo-java-server sorts a document by: under a path through arrays of
     * subdocuments, the list of the values found. Its comparator takes an empty list as
     * less than another empty list, either way round, so the order of documents with one
     * under a sort field depends on the order it meets them in: each backend its own.
     */
    private static Object valueForSort(Object container, List<String> path, int segment) {
        if (container instanceof Document document) {
            Object value = document.get(path.get(segment));
            return segment == path.size() - 1 ? value : valueForSort(value, path, segment + 1);
        }
        if (container instanceof List<?> elements) {
            List<Object> values = new ArrayList<>();
            for (Object element : elements) {
                Object value = element instanceof Document ? valueForSort(element, path, segment) : null;
                if (value instanceof List<?> list) {
                    values.addAll(list);
                }
                else {
                    values.add(value);
                }
            }
            return values;
        }
        return null;
    }

    /**
     * One or two fields, each either way, then _id (unless it is the only one): the first
     * field is the next key of a compound index, or an index's first key, or not indexed.
     */
    private Document randomSort() {
        List<String> fields = List.of("a", "b", "c", "_id", "nested.x", "tags", "s", "items.k", "nested.y");
        Document sort = new Document(fields.get(random.nextInt(fields.size())), random.nextBoolean() ? 1 : -1);
        if (random.nextInt(3) == 0) {
            sort.putIfAbsent(fields.get(random.nextInt(fields.size())), random.nextBoolean() ? 1 : -1);
        }
        sort.putIfAbsent("_id", 1);
        return sort;
    }

    /**
     * Mostly single values of the keys before the sort key in a compound index (so that
     * it walks that index), with another condition now and then; else no filter or a
     * random one.
     */
    private Bson filterBeforeSortKey(String sortKey) {
        String before = switch (sortKey) {
            case "c" -> "b";
            case "_id" -> "nested.x";
            case "a" -> "items.k";
            default -> null;
        };
        int which = random.nextInt(6);
        if (which == 0) {
            return new Document();
        }
        if (which == 1 || before == null) {
            return random.nextBoolean() ? randomFilter() : new Document("b", new Document("$ne", scalar()));
        }
        Object value = switch (which) {
            case 2 -> new Document("$eq", scalar());
            case 3 -> new Document("$in", Arrays.asList(scalar(), scalar(), scalar())); // walks
                                                                                        // merged
            default -> scalar();
        };
        Document filter = new Document(before, value);
        if (random.nextInt(3) == 0) {
            filter.append(random.nextBoolean() ? "tags" : "s", condition());
        }
        return random.nextInt(4) == 0 ? new Document("$and", List.of(filter)) : filter;
    }

    private Document randomDocument(int id) {
        Object typedId = switch (id % 5) {
            case 0 -> id;
            case 1 -> "id-" + id + (id % 3 == 0 ? "\u0000\u0001" : "");
            case 2 -> new ObjectId(String.format("%024x", id));
            case 3 -> 10_000_000_000L + id;
            default -> id + 0.25;
        };
        Document document = new Document("_id", typedId);
        maybePut(document, "a", this::anyValue);
        maybePut(document, "b", this::scalar);
        maybePut(document, "c", this::anyValue);
        maybePut(document, "s", this::scalar);
        maybePut(document, "tags", this::array);
        maybePut(document, "nested",
                () -> random.nextInt(4) == 0 ? new Document() : new Document("x", anyValue()).append("y", scalar()));
        maybePut(document, "items", this::items);
        if (random.nextInt(10) > 0) {
            document.put("u", uniqueValue("u"));
        }
        if (random.nextInt(10) < 3) {
            document.put("v", uniqueValue("v"));
        }
        return document;
    }

    private void maybePut(Document document, String field, Supplier<Object> value) {
        if (random.nextInt(5) > 0) {
            document.put(field, value.get());
        }
    }

    private Object scalar() {
        int which = random.nextInt(12);
        int small = 1 + random.nextInt(3);
        return switch (which) {
            case 0 -> small;
            case 1 -> (long) small;
            case 2 -> (double) small;
            case 3 -> small + 0.5;
            case 4 -> List.of("x", "y", "z", "").get(random.nextInt(4));
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> OBJECT_IDS.get(random.nextInt(OBJECT_IDS.size()));
            case 8 -> Date.from(INSTANTS.get(random.nextInt(INSTANTS.size())));
            case 9 -> -0.0;
            case 10 -> "x\u0000y";
            default -> small;
        };
    }

    private Object anyValue() {
        int which = random.nextInt(10);
        if (which == 0) {
            return array();
        }
        if (which == 1) {
            return new Document("x", scalar());
        }
        if (which == 2) {
            return Arrays.asList(Arrays.asList(scalar()), scalar());
        }
        return scalar();
    }

    private List<Object> array() {
        List<Object> values = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            values.add(random.nextInt(6) == 0 ? new Document("x", scalar()) : scalar());
        }
        return values;
    }

    private List<Object> items() {
        List<Object> items = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            items.add(random.nextInt(5) == 0 ? scalar() : new Document("k", anyValue()));
        }
        return items;
    }

    private Bson randomFilter() {
        String field = List.of("a", "b", "c", "s", "tags", "nested.x", "items.k", "nested").get(random.nextInt(8));
        Document filter = new Document(field, condition());
        int extra = random.nextInt(7);
        if (extra == 0) {
            filter.append("b", condition());
        }
        else if (extra == 1) {
            filter.append("a", condition());
        }
        else if (extra == 2) {
            filter.append("$or", List.of(new Document("c", scalar()), new Document("b", scalar())));
        }
        else if (extra == 3) {
            return new Document("$or", List.of(filter, new Document("a", scalar())));
        }
        else if (extra == 4) {
            return new Document("$and", List.of(filter, new Document("b", condition())));
        }
        return filter;
    }

    private Object condition() {
        int which = random.nextInt(14);
        return switch (which) {
            case 0 -> new Document("$eq", scalar());
            case 1, 2 -> new Document("$in", Arrays.asList(scalar(), scalar()));
            case 3 -> new Document("$in", List.of());
            case 4 -> new Document("$gt", 1);
            case 5 -> new Document("$ne", scalar());
            case 6 -> new Document("$exists", random.nextBoolean());
            case 7 -> array();
            case 8 -> new Document("x", scalar());
            case 9 -> Pattern.compile("^x");
            case 10 -> new Document("$in", Arrays.asList(scalar(), Arrays.asList(scalar())));
            default -> scalar();
        };
    }

    /**
     * A value for a unique key: from a range that repeats now and then, in types that the
     * index takes as equal (1, 1L, 1.0) or not, as subdocuments and as arrays (an entry
     * per element). Never null for the sparse index: mongo-java-server then takes the
     * document with v: null for the position of every document without v, and an update
     * of many documents fails part way, in each backend's own order.
     */
    private Object uniqueValue(String field) {
        int n = random.nextInt(400);
        boolean nullable = field.equals("u");
        return switch (random.nextInt(9)) {
            case 0 -> (long) n;
            case 1 -> (double) n;
            case 2 -> "u-" + n;
            case 3 -> new ObjectId(String.format("%024x", n));
            case 4 -> new Document("x", n);
            case 5 -> Arrays.asList(n, n + 1);
            case 6 -> nullable && random.nextInt(20) == 0 ? null : Date.from(INSTANTS.get(0).plusSeconds(n));
            default -> n;
        };
    }

    /**
     * A query that names a unique index's key with a value and also other conditions (a
     * conditional update of one document: its id and its version), which the index
     * answers with the document under the value and the collection then matches whole.
     */
    private Document uniqueKeyAndMore() {
        int n = random.nextInt(400);
        Document query = switch (random.nextInt(3)) {
            case 0 -> new Document("_id", n);
            case 1 -> new Document("_id", new ObjectId(String.format("%024x", n)));
            default -> {
                String field = random.nextBoolean() ? "u" : "v";
                yield new Document(field, scalarUniqueValue(field));
            }
        };
        if (random.nextBoolean()) {
            query.append("a", new Document("$exists", random.nextBoolean()));
        }
        else {
            query.append("$or",
                    List.of(new Document("b", anyValue()), new Document("s", new Document("$exists", true))));
        }
        return query;
    }

    /**
     * A query that names exactly a unique index's key, which the index answers itself.
     * Not for an array nor for null in the sparse index: the oracle's unique index
     * answers those wrongly, and {@link UniqueIndex} leaves them to a scan
     * ({@link UniqueIndexTest}).
     */
    private Bson randomUniqueFilter() {
        String field = random.nextBoolean() ? "u" : "v";
        return switch (random.nextInt(3)) {
            case 0 -> new Document(field,
                    new Document("$in", Arrays.asList(scalarUniqueValue(field), scalarUniqueValue(field))));
            case 1 -> new Document(field, new Document("$in", List.of(new Document("x", random.nextInt(400)))));
            default -> new Document(field, scalarUniqueValue(field));
        };
    }

    private Object scalarUniqueValue(String field) {
        Object value = uniqueValue(field);
        return value instanceof List<?> elements ? elements.get(0) : value;
    }

    /**
     * A change of a unique key: only for a single document, since a write of many stops
     * at its first duplicate.
     */
    private Document randomUniqueUpdate() {
        String field = random.nextBoolean() ? "u" : "v";
        return random.nextInt(5) == 0 ? new Document("$unset", new Document(field, ""))
                : new Document("$set", new Document(field, uniqueValue(field)));
    }

    private Document randomUpdate() {
        return switch (random.nextInt(5)) {
            case 0 ->
                new Document("$set", new Document(List.of("a", "b", "c", "s").get(random.nextInt(4)), anyValue()));
            case 1 -> new Document("$unset",
                    new Document(List.of("a", "b", "tags", "nested", "items", "s").get(random.nextInt(6)), ""));
            case 2 -> new Document("$push", new Document("tags", scalar()));
            case 3 -> new Document("$set", new Document("items", items()));
            default -> new Document("$set", new Document("nested", new Document("x", anyValue())));
        };
    }

}
