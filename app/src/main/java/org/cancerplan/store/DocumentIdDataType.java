package org.cancerplan.store;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a collection's data map, each document's _id: an ObjectId in 13 bytes where
 * H2's ObjectDataType Java-serializes it, every other key as ObjectDataType writes it, so
 * that keys written before read on. Keys are compared by ObjectDataType, on the values
 * read, as they always were: the order of a store's B-tree does not change.
 */
final class DocumentIdDataType extends BasicDataType<Object> {

    /**
     * A first byte that ObjectDataType never writes (it writes 0-14, 19, 32-49 and
     * 64-119).
     */
    static final byte OBJECT_ID = 120;

    private static final int OBJECT_ID_BYTES = 12;

    private static final int OBJECT_ID_MEMORY = 48;

    private final ObjectDataType stock = new ObjectDataType();

    @Override
    public int compare(Object a, Object b) {
        return stock.compare(a, b);
    }

    @Override
    public int getMemory(Object id) {
        return id instanceof ObjectId ? OBJECT_ID_MEMORY : stock.getMemory(id);
    }

    @Override
    public void write(WriteBuffer buffer, Object id) {
        if (id instanceof ObjectId objectId) {
            buffer.put(OBJECT_ID).put(objectId.toByteArray());
        }
        else {
            stock.write(buffer, id);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != OBJECT_ID) {
            return stock.read(buffer);
        }
        buffer.get();
        byte[] bytes = new byte[OBJECT_ID_BYTES];
        buffer.get(bytes);
        return new ObjectId(bytes);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

}
