package org.cancerplan.store;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.bson.Document;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents and their ids are stored without Java serialization, and read back as they
 * were written.
 */
class StoreEncodingTest {

    @TempDir
    Path directory;

    @Test
    void everyValueTypeReadsBackEqualFromTheFileAfterInsertAndAfterUpdateInPlace() {
        List<BsonDocument> inserted = List.of(everyType(new ObjectId("650000000000000000000001")),
                everyType(new ObjectId("650000000000000000000002")));
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            served.collection("things").insertMany(inserted);
        }

        BsonDocument updated;
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            assertThat(served.collection("things").find().into(new ArrayList<>())).isEqualTo(inserted);
            served.collection("things")
                .updateOne(eq("_id", inserted.get(1).get("_id")),
                        Updates.combine(Updates.set("int32", 43),
                                Updates.set("nested.a.added", new BsonTimestamp(1_800_000_000, 1)),
                                Updates.push("array", new BsonMinKey()), Updates.unset("null")));
            updated = served.collection("things").find(eq("_id", inserted.get(1).get("_id"))).first();
            assertThat(updated.getInt32("int32").getValue()).isEqualTo(43);
        }

        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            assertThat(served.collection("things").find().into(new ArrayList<>())).containsExactly(inserted.get(0),
                    updated);
        }

        Stored stored = Stored.in(file(), "databases.test.things");
        assertThat(stored.valueFirstBytes()).containsExactly(DocumentDataType.BSON);
        assertThat(stored.keyFirstBytes()).containsExactly(DocumentIdDataType.OBJECT_ID);
    }

    @Test
    void aDocumentThatBsonWouldNotGiveBackExactlyIsWrittenAsBeforeAndReadsBackEqual() {
        // a time finer than BSON's milliseconds, as the server's $currentDate makes
        Document fine = new Document("_id", "fine").append("at", Instant.parse("2026-03-01T10:15:30.123456Z"));
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            served.collection("fine").insertOne(new BsonDocument("_id", new BsonString("other")));
            served.backend().resolveDatabase("test").resolveCollection("fine", true).addDocument(fine.clone());
        }

        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            assertThat(served.backend()
                .resolveDatabase("test")
                .resolveCollection("fine", true)
                .handleQuery(new Document("_id", "fine"))).containsExactly(fine);
        }
        assertThat(Stored.in(file(), "databases.test.fine").valueFirstBytes())
            .containsExactlyInAnyOrder(DocumentDataType.BSON, (byte) 19);
    }

    private Path file() {
        return directory.resolve("store.mv.db");
    }

    private static BsonDocument everyType(ObjectId id) {
        UUID uuid = UUID.fromString("0d1e2f30-4152-6374-8596-a7b8c9dae0f1");
        return new BsonDocument("_id", new BsonObjectId(id)).append("int32", new BsonInt32(42))
            .append("int64", new BsonInt64(1L << 40))
            .append("double", new BsonDouble(2.5))
            .append("negativeZero", new BsonDouble(-0.0))
            .append("notANumber", new BsonDouble(Double.NaN))
            .append("decimal", new BsonDecimal128(Decimal128.parse("12.3400")))
            .append("date", new BsonDateTime(1_767_225_600_123L))
            .append("text", new BsonString("naïve \u0000 ✓ text"))
            .append("empty", new BsonString(""))
            .append("true", BsonBoolean.TRUE)
            .append("false", BsonBoolean.FALSE)
            .append("null", BsonNull.VALUE)
            .append("objectId", new BsonObjectId(new ObjectId("5f0000000000000000000abc")))
            .append("binary", new BsonBinary(new byte[] { 0, 1, 2, (byte) 255 }))
            .append("uuid", new BsonBinary(uuid, UuidRepresentation.STANDARD))
            .append("legacyUuid",
                    new BsonBinary(BsonBinarySubType.UUID_LEGACY,
                            new BsonBinary(uuid, UuidRepresentation.JAVA_LEGACY).getData()))
            .append("regex", new BsonRegularExpression("^a.*b$", "im"))
            .append("timestamp", new BsonTimestamp(1_700_000_000, 7))
            .append("min", new BsonMinKey())
            .append("max", new BsonMaxKey())
            .append("code", new BsonJavaScript("function () { return 1; }"))
            .append("nested",
                    new BsonDocument("a", new BsonDocument("b",
                            new BsonArray(
                                    List.of(new BsonInt32(1), BsonNull.VALUE, new BsonArray(), new BsonDocument())))))
            .append("array",
                    new BsonArray(List.of(new BsonString("x"), new BsonInt64(7), new BsonDouble(7),
                            new BsonDocument("k", new BsonArray(List.of(new BsonBoolean(true)))),
                            new BsonArray(List.of(new BsonDateTime(0))))));
    }

    /**
     * The first byte of every key and value of one data map in the file, read as the
     * store reads them.
     */
    private record Stored(Set<Byte> keyFirstBytes, Set<Byte> valueFirstBytes) {

        static Stored in(Path file, String mapName) {
            FirstBytes<Object> keys = new FirstBytes<>(new DocumentIdDataType());
            FirstBytes<Document> values = new FirstBytes<>(new DocumentDataType());
            MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
            try {
                MVMap<Object, Document> map = store.openMap(mapName,
                        new MVMap.Builder<Object, Document>().keyType(keys).valueType(values));
                assertThat(map.values()).doesNotContainNull();
            }
            finally {
                store.close();
            }
            return new Stored(keys.seen, values.seen);
        }
    }

    private static final class FirstBytes<T> extends BasicDataType<T> {

        private final DataType<T> reader;

        private final Set<Byte> seen = new HashSet<>();

        FirstBytes(DataType<T> reader) {
            this.reader = reader;
        }

        @Override
        public T read(ByteBuffer buffer) {
            seen.add(buffer.get(buffer.position()));
            return reader.read(buffer);
        }

        @Override
        public int compare(T a, T b) {
            return reader.compare(a, b);
        }

        @Override
        public int getMemory(T value) {
            return reader.getMemory(value);
        }

        @Override
        public void write(WriteBuffer buffer, T value) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public T[] createStorage(int size) {
            return reader.createStorage(size);
        }

    }

}
