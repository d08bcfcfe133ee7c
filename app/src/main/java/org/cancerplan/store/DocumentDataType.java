package org.cancerplan.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The documents of a collection's data map, written as BSON (mongo-java-server's own
 * encoder) after a first byte that H2's ObjectDataType never writes. Values that
 * ObjectDataType wrote, Java-serialized, still read, so a store written before opens as
 * it is and its pages take the new form as they change. A document that BSON would not
 * give back exactly (a time finer than a millisecond, a value of a type the wire protocol
 * does not carry) is written as before.
 */
final class DocumentDataType extends BasicDataType<Document> {

    /**
     * A first byte that ObjectDataType never writes (it writes 0-14, 19, 32-49 and
     * 64-119).
     */
    static final byte BSON = 121;

    /**
     * The cache's estimate of a document's heap, about what ObjectDataType estimated:
     * twice the Java serialization, which is 2.5 to 3 times the BSON.
     */
    private static final int MEMORY_PER_BSON_BYTE = 5;

    private static final Set<Class<?>> EXACT_IN_BSON = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, ObjectId.class, BinData.class, UUID.class, LegacyUUID.class, Decimal128.class,
            BsonTimestamp.class, BsonRegularExpression.class, BsonJavaScript.class, MinKey.class, MaxKey.class);

    private final ObjectDataType stock = new ObjectDataType();

    /** A moving average, as ObjectDataType keeps for Java-serialized values. */
    private int averageMemory = 1_000;

    @Override
    public int compare(Document a, Document b) {
        return stock.compare(a, b);
    }

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        if (!exactInBson(document)) {
            stock.write(buffer, document);
            return;
        }
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            noteSize(bson.readableBytes());
            buffer.put(BSON).put(bson.nioBuffer());
        }
        finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) stock.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        noteSize(bson.readerIndex());
        buffer.position(buffer.position() + bson.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private void noteSize(int bsonBytes) {
        averageMemory = (int) ((MEMORY_PER_BSON_BYTE * (long) bsonBytes + 15L * averageMemory) / 16);
    }

    /**
     * Whether BSON gives every value in it back equal, of the same class (a list as a
     * list).
     */
    static boolean exactInBson(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (field.getKey().indexOf('\0') >= 0 || !exactInBson(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(DocumentDataType::exactInBson);
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0 && inMillisecondRange(instant);
        }
        return EXACT_IN_BSON.contains(value.getClass());
    }

    private static boolean inMillisecondRange(Instant instant) {
        try {
            instant.toEpochMilli();
            return true;
        }
        catch (ArithmeticException e) {
            return false;
        }
    }

}
