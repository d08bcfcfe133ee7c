package org.cancerplan.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The text an index stores for a value: a type tag, the value, and a terminator. Values
 * the query matcher takes as equal (1, 1L and 1.0; null and missing) have the same token,
 * and no token is the beginning of another, so the entries of a key tuple are exactly the
 * map keys that start with the tuple's tokens.
 * <p>
 * A {@link SecondaryIndex}'s tokens ({@link #ofDocumentValue}, {@link #ofQueryValue})
 * also sort, as text, in the order in which mongo-java-server's {@code ValueComparator}
 * sorts their values: null, numbers, strings, UUIDs, ObjectIds, booleans, dates, each
 * type in its own order. A value that order cannot place exactly gets a token starting
 * with {@link #UNORDERED}: subdocuments, arrays and values of other types (a token naming
 * only the type, so the index holds a superset for them and never answers a query for
 * such a value), and the numbers that the comparator does not compare as numbers (NaN,
 * the infinities, beyond ±2^63, fractions beyond ±2^31, which it truncates against a
 * long).
 * <p>
 * A {@link UniqueIndex} needs distinct texts for distinct keys, in no particular order:
 * {@link #ofKey} writes the scalars in the unordered form that release wrote, and other
 * values whole, as BSON.
 */
final class IndexTokens {

    static final String NULL = "a\0";

    /** The first character of the tokens whose text does not sort as their values do. */
    static final String UNORDERED = "~";

    private IndexTokens() {
    }

    /** The token of a value in a document. */
    static String ofDocumentValue(Object value) {
        Object normalised = normalised(value);
        String token = OrderedTokens.ordered(normalised);
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
        return TokenText.escaped(new StringBuilder(UNORDERED + "?"), normalised.getClass().getName())
            .append(TokenText.END)
            .toString();
    }

    /**
     * The token a query value must match, or null when the index cannot answer for it (a
     * subdocument, an array, a regular expression, an operator, a value of another type).
     */
    static String ofQueryValue(Object value) {
        Object normalised = normalised(value);
        String token = OrderedTokens.ordered(normalised);
        if (token != null) {
            return token;
        }
        String scalar = ofScalar(normalised);
        return scalar == null ? null : UNORDERED + scalar;
    }

    /**
     * The text of a unique index's key tuple, whose values the index has normalised:
     * distinct tuples have distinct texts, and {@link #keyOf} gives the tuple back.
     */
    static String ofKey(KeyValue key) {
        StringBuilder text = new StringBuilder();
        for (Object value : key) {
            String token = ofScalar(normalised(value));
            text.append(token != null ? token : TokenText.ofBson(value));
        }
        return text.toString();
    }

    /** The key tuple that {@link #ofKey} wrote. */
    static KeyValue keyOf(String text) {
        List<Object> values = new ArrayList<>();
        for (int start = 0; start < text.length();) {
            int end = text.indexOf(TokenText.END, start) + 1;
            values.add(valueOf(text.substring(start, end)));
            start = end;
        }
        return new KeyValue(values);
    }

    /**
     * A token naming one document, from which {@link #position} gives the document's
     * position back: its _id, with its exact type, which is unique in its collection.
     */
    static String ofPosition(Object position) {
        if (position instanceof String text) {
            return TokenText.escaped(new StringBuilder(text.length() + 2).append('s'), text)
                .append(TokenText.END)
                .toString();
        }
        if (position instanceof ObjectId objectId) {
            return "o" + TokenText.HEX.formatHex(objectId.toByteArray()) + TokenText.END;
        }
        if (position instanceof Integer || position instanceof Long || position instanceof UUID) {
            return (position instanceof Integer ? "I" : position instanceof Long ? "L" : "u") + position
                    + TokenText.END;
        }
        return TokenText.ofBson(Missing.isNullOrMissing(position) ? null : position);
    }

    /**
     * The position that {@link #ofPosition} wrote at {@code start} of {@code entry},
     * which it ends.
     */
    static Object position(String entry, int start) {
        String payload = entry.substring(start + 1, entry.length() - 1);
        return switch (entry.charAt(start)) {
            case 's' -> TokenText.unescaped(payload);
            case 'o' -> new ObjectId(payload);
            case 'I' -> Integer.valueOf(payload);
            case 'L' -> Long.valueOf(payload);
            case 'u' -> UUID.fromString(payload);
            default -> Missing.ofNullable(TokenText.bsonValue(payload));
        };
    }

    /** Where the token after {@code count} tokens of {@code entry} starts. */
    static int afterTokens(String entry, int count) {
        int start = 0;
        for (int i = 0; i < count; i++) {
            start = entry.indexOf(TokenText.END, start) + 1;
        }
        return start;
    }

    /**
     * As the matcher compares values: every number that a double represents exactly as a
     * double, -0.0 as 0.0.
     */
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

    /**
     * The unordered token of a normalised scalar, as {@link #ofKey} writes it, or null
     * for other values.
     */
    private static String ofScalar(Object normalised) {
        if (normalised == null) {
            return "n\0";
        }
        if (normalised instanceof Double number) {
            return "d" + Long.toHexString(Double.doubleToLongBits(number)) + TokenText.END;
        }
        if (normalised instanceof Long number) {
            return "l" + number + TokenText.END;
        }
        if (normalised instanceof String text) {
            return TokenText.escaped(new StringBuilder(text.length() + 2).append('s'), text)
                .append(TokenText.END)
                .toString();
        }
        if (normalised instanceof Boolean truth) {
            return truth ? "bt\0" : "bf\0";
        }
        if (normalised instanceof ObjectId objectId) {
            return "o" + TokenText.HEX.formatHex(objectId.toByteArray()) + TokenText.END;
        }
        if (normalised instanceof Instant || normalised instanceof UUID) {
            return (normalised instanceof Instant ? "i" : "u") + normalised + TokenText.END;
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
            case 's' -> TokenText.unescaped(payload);
            case 'b' -> payload.equals("t");
            case 'o' -> new ObjectId(payload);
            case 'i' -> Instant.parse(payload);
            case 'u' -> UUID.fromString(payload);
            default -> TokenText.bsonValue(payload);
        };
    }

}
