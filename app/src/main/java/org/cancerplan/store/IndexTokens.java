package org.cancerplan.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The text a {@link SecondaryIndex} stores for a value: a type tag, the value, and a terminator. Values the query
 * matcher takes as equal (1, 1L and 1.0; null and missing) have the same token, and no token is the beginning of
 * another, so the entries of a key tuple are exactly the map keys that start with the tuple's tokens.
 * <p>
 * Subdocuments, arrays and values of other types get a token naming only their type: the index then holds a superset
 * for them, and never answers a query for such a value ({@link #ofQueryValue} says so).
 */
final class IndexTokens {

    static final String NULL = "n\0";

    private static final char END = '\0';
    private static final char ESCAPE = '\1';

    private IndexTokens() {
    }

    /** The token of a value in a document. */
    static String ofDocumentValue(Object value) {
        Object normalised = normalised(value);
        String token = ofScalar(normalised);
        if (token != null) {
            return token;
        }
        if (normalised instanceof Map) {
            return "D\0";
        }
        if (normalised instanceof Collection) {
            return "L\0";
        }
        return escaped(new StringBuilder("?"), normalised.getClass().getName()).append(END).toString();
    }

    /**
     * The token a query value must match, or null when the index cannot answer for it (a subdocument, an array, a
     * regular expression, an operator, a value of another type).
     */
    static String ofQueryValue(Object value) {
        return ofScalar(normalised(value));
    }

    /** A token naming one document: its _id, which is unique in its collection. */
    static String ofPosition(Object position) {
        Object normalised = normalised(position);
        String token = normalised == null ? null : ofScalar(normalised);
        if (token != null) {
            return token;
        }
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document("", position), bson);
            return "B" + ByteBufUtil.hexDump(bson) + END;
        } finally {
            bson.release();
        }
    }

    /** As the matcher compares values: every number that a double represents exactly as a double, -0.0 as 0.0. */
    static Object normalised(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Long longValue && longValue.longValue() != (long) longValue.doubleValue()) {
            return value;
        }
        if (value instanceof Number number) {
            double doubleValue = number.doubleValue();
            return doubleValue == 0.0 ? 0.0 : doubleValue;
        }
        return value;
    }

    private static String ofScalar(Object normalised) {
        if (normalised == null) {
            return NULL;
        }
        if (normalised instanceof Double number) {
            return "d" + Long.toHexString(Double.doubleToLongBits(number)) + END;
        }
        if (normalised instanceof Long number) {
            return "l" + number + END;
        }
        if (normalised instanceof String text) {
            return escaped(new StringBuilder(text.length() + 2).append('s'), text).append(END).toString();
        }
        if (normalised instanceof Boolean truth) {
            return truth ? "bt\0" : "bf\0";
        }
        if (normalised instanceof ObjectId objectId) {
            return "o" + HexFormat.of().formatHex(objectId.toByteArray()) + END;
        }
        if (normalised instanceof Instant || normalised instanceof UUID) {
            return (normalised instanceof Instant ? "i" : "u") + normalised + END;
        }
        return null;
    }

    private static StringBuilder escaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == END || c == ESCAPE) {
                out.append(ESCAPE).append(c == END ? '0' : '1');
            } else {
                out.append(c);
            }
        }
        return out;
    }
}
