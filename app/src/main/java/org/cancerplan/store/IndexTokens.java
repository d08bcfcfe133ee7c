package org.cancerplan.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The text an index stores for a value: a type tag, the value, and a terminator. Values the query matcher takes as
 * equal (1, 1L and 1.0; null and missing) have the same token, and no token is the beginning of another, so the
 * entries of a key tuple are exactly the map keys that start with the tuple's tokens.
 * <p>
 * A {@link SecondaryIndex}'s tokens ({@link #ofDocumentValue}, {@link #ofQueryValue}) also sort, as text, in the
 * order in which mongo-java-server's {@code ValueComparator} sorts their values: null, numbers, strings, UUIDs,
 * ObjectIds, booleans, dates, each type in its own order. A value that order cannot place exactly gets a token
 * starting with {@link #UNORDERED}: subdocuments, arrays and values of other types (a token naming only the type, so
 * the index holds a superset for them and never answers a query for such a value), and the numbers that the
 * comparator does not compare as numbers (NaN, the infinities, beyond ±2^63, fractions beyond ±2^31, which it
 * truncates against a long).
 * <p>
 * A {@link UniqueIndex} needs distinct texts for distinct keys, in no particular order: {@link #ofKey} writes the
 * scalars in the unordered form that release wrote, and other values whole, as BSON.
 */
final class IndexTokens {

    static final String NULL = "a\0";

    /** The first character of the tokens whose text does not sort as their values do. */
    static final String UNORDERED = "~";

    private static final char END = '\0';
    private static final char ESCAPE = '\1';
    private static final HexFormat HEX = HexFormat.of();
    private static final double TWO_TO_63 = 0x1p63;
    private static final double TWO_TO_31 = 0x1p31;

    private IndexTokens() {
    }

    /** The token of a value in a document. */
    static String ofDocumentValue(Object value) {
        Object normalised = normalised(value);
        String token = ordered(normalised);
        if (token != null) {
            return token;
        }
        String scalar = ofScalar(normalised);
        if (scalar != null) {
            return UNORDERED + scalar;
        }
        if (normalised instanceof Map) {
            return UNORDERED + "D\0";
        }
        if (normalised instanceof Collection) {
            return UNORDERED + "L\0";
        }
        return escaped(new StringBuilder(UNORDERED + "?"), normalised.getClass().getName()).append(END).toString();
    }

    /**
     * The token a query value must match, or null when the index cannot answer for it (a subdocument, an array, a
     * regular expression, an operator, a value of another type).
     */
    static String ofQueryValue(Object value) {
        Object normalised = normalised(value);
        String token = ordered(normalised);
        if (token != null) {
            return token;
        }
        String scalar = ofScalar(normalised);
        return scalar == null ? null : UNORDERED + scalar;
    }

    /**
     * The text of a unique index's key tuple, whose values the index has normalised: distinct tuples have distinct
     * texts, and {@link #keyOf} gives the tuple back.
     */
    static String ofKey(KeyValue key) {
        StringBuilder text = new StringBuilder();
        for (Object value : key) {
            String token = ofScalar(normalised(value));
            text.append(token != null ? token : ofBson(value));
        }
        return text.toString();
    }

    /** The key tuple that {@link #ofKey} wrote. */
    static KeyValue keyOf(String text) {
        List<Object> values = new ArrayList<>();
        for (int start = 0; start < text.length();) {
            int end = text.indexOf(END, start) + 1;
            values.add(valueOf(text.substring(start, end)));
            start = end;
        }
        return new KeyValue(values);
    }

    /**
     * A token naming one document, from which {@link #position} gives the document's position back: its _id, with its
     * exact type, which is unique in its collection.
     */
    static String ofPosition(Object position) {
        if (position instanceof String text) {
            return escaped(new StringBuilder(text.length() + 2).append('s'), text).append(END).toString();
        }
        if (position instanceof ObjectId objectId) {
            return "o" + HEX.formatHex(objectId.toByteArray()) + END;
        }
        if (position instanceof Integer || position instanceof Long || position instanceof UUID) {
            return (position instanceof Integer ? "I" : position instanceof Long ? "L" : "u") + position + END;
        }
        return ofBson(Missing.isNullOrMissing(position) ? null : position);
    }

    /** The position that {@link #ofPosition} wrote at {@code start} of {@code entry}, which it ends. */
    static Object position(String entry, int start) {
        String payload = entry.substring(start + 1, entry.length() - 1);
        return switch (entry.charAt(start)) {
            case 's' -> unescaped(payload);
            case 'o' -> new ObjectId(payload);
            case 'I' -> Integer.valueOf(payload);
            case 'L' -> Long.valueOf(payload);
            case 'u' -> UUID.fromString(payload);
            default -> Missing.ofNullable(bsonValue(payload));
        };
    }

    /** Where the token after {@code count} tokens of {@code entry} starts. */
    static int afterTokens(String entry, int count) {
        int start = 0;
        for (int i = 0; i < count; i++) {
            start = entry.indexOf(END, start) + 1;
        }
        return start;
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

    /** The ordered token of a normalised value, or null when the order cannot place it. */
    private static String ordered(Object normalised) {
        if (normalised == null) {
            return NULL;
        }
        if (normalised instanceof Double number) {
            return comparedAsNumber(number) ? ofNumber(number, 0) : null;
        }
        if (normalised instanceof Long number) {
            double nearest = number.doubleValue();
            return comparedAsNumber(nearest) ? ofNumber(nearest, number - (long) nearest) : null;
        }
        if (normalised instanceof String text) {
            return escaped(new StringBuilder(text.length() + 2).append('c'), text).append(END).toString();
        }
        if (normalised instanceof UUID uuid) {
            return "h" + uuid + END;
        }
        if (normalised instanceof ObjectId objectId) {
            return "i" + HEX.formatHex(objectId.toByteArray()) + END;
        }
        if (normalised instanceof Boolean truth) {
            return truth ? "jt\0" : "jf\0";
        }
        if (normalised instanceof Instant instant) {
            return "k" + HEX.toHexDigits(instant.getEpochSecond() ^ Long.MIN_VALUE) + HEX.toHexDigits(instant.getNano())
                    + END;
        }
        return null;
    }

    /**
     * Whether the comparator orders the number as its value: it compares a long with a double by truncating the
     * double to a long, which orders only integers and fractions that no long beyond the int range comes near.
     */
    private static boolean comparedAsNumber(double number) {
        double magnitude = Math.abs(number);
        return magnitude < TWO_TO_63 && (magnitude < TWO_TO_31 || number == Math.rint(number));
    }

    /**
     * A number as the double nearest to it, with its IEEE bits made to sort as unsigned text, then how far a long
     * lies from that double (at most 1,024 either way below 2^63).
     */
    private static String ofNumber(double nearest, long offset) {
        long bits = Double.doubleToLongBits(nearest);
        long sortable = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        return "b" + HEX.toHexDigits(sortable) + HEX.toHexDigits((short) (offset ^ Short.MIN_VALUE)) + END;
    }

    /** The unordered token of a normalised scalar, as {@link #ofKey} writes it, or null for other values. */
    private static String ofScalar(Object normalised) {
        if (normalised == null) {
            return "n\0";
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
            return "o" + HEX.formatHex(objectId.toByteArray()) + END;
        }
        if (normalised instanceof Instant || normalised instanceof UUID) {
            return (normalised instanceof Instant ? "i" : "u") + normalised + END;
        }
        return null;
    }

    /** The value of a token of {@link #ofScalar} or {@link #ofBson}. */
    private static Object valueOf(String token) {
        String payload = token.substring(1, token.length() - 1);
        return switch (token.charAt(0)) {
            case 'n' -> null;
            case 'd' -> Double.longBitsToDouble(Long.parseUnsignedLong(payload, 16));
            case 'l' -> Long.valueOf(payload);
            case 's' -> unescaped(payload);
            case 'b' -> payload.equals("t");
            case 'o' -> new ObjectId(payload);
            case 'i' -> Instant.parse(payload);
            case 'u' -> UUID.fromString(payload);
            default -> bsonValue(payload);
        };
    }

    private static String ofBson(Object value) {
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document("", value), bson);
            return "B" + ByteBufUtil.hexDump(bson) + END;
        } finally {
            bson.release();
        }
    }

    private static Object bsonValue(String hex) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(HEX.parseHex(hex))).get("");
    }

    private static String unescaped(String payload) {
        if (payload.indexOf(ESCAPE) < 0) {
            return payload;
        }
        StringBuilder text = new StringBuilder(payload.length());
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == ESCAPE) {
                text.append(payload.charAt(++i) == '0' ? END : ESCAPE);
            } else {
                text.append(c);
            }
        }
        return text.toString();
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
