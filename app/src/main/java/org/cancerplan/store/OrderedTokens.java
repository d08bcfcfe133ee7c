package org.cancerplan.store;

import java.time.Instant;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The ordered tokens of {@link IndexTokens}: text that sorts as mongo-java-server's
 * {@code ValueComparator} sorts the values.
 */
final class OrderedTokens {

    private static final double TWO_TO_63 = 0x1p63;

    private static final double TWO_TO_31 = 0x1p31;

    private OrderedTokens() {
    }

    /**
     * The ordered token of a normalised value, or null when the order cannot place it.
     */
    static String ordered(Object normalised) {
        if (normalised == null) {
            return IndexTokens.NULL;
        }
        if (normalised instanceof Double number) {
            return comparedAsNumber(number) ? ofNumber(number, 0) : null;
        }
        if (normalised instanceof Long number) {
            double nearest = number.doubleValue();
            return comparedAsNumber(nearest) ? ofNumber(nearest, number - (long) nearest) : null;
        }
        if (normalised instanceof String text) {
            return TokenText.escaped(new StringBuilder(text.length() + 2).append('c'), text)
                .append(TokenText.END)
                .toString();
        }
        if (normalised instanceof UUID uuid) {
            return "h" + uuid + TokenText.END;
        }
        if (normalised instanceof ObjectId objectId) {
            return "i" + TokenText.HEX.formatHex(objectId.toByteArray()) + TokenText.END;
        }
        if (normalised instanceof Boolean truth) {
            return truth ? "jt\0" : "jf\0";
        }
        if (normalised instanceof Instant instant) {
            return "k" + TokenText.HEX.toHexDigits(instant.getEpochSecond() ^ Long.MIN_VALUE)
                    + TokenText.HEX.toHexDigits(instant.getNano()) + TokenText.END;
        }
        return null;
    }

    /**
     * Whether the comparator orders the number as its value: it compares a long with a
     * double by truncating the double to a long, which orders only integers and fractions
     * that no long beyond the int range comes near.
     */
    static boolean comparedAsNumber(double number) {
        double magnitude = Math.abs(number);
        return magnitude < TWO_TO_63 && (magnitude < TWO_TO_31 || number == Math.rint(number));
    }

    /**
     * A number as the double nearest to it, with its IEEE bits made to sort as unsigned
     * text, then how far a long lies from that double (at most 1,024 either way below
     * 2^63).
     */
    static String ofNumber(double nearest, long offset) {
        long bits = Double.doubleToLongBits(nearest);
        long sortable = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        return "b" + TokenText.HEX.toHexDigits(sortable) + TokenText.HEX.toHexDigits((short) (offset ^ Short.MIN_VALUE))
                + TokenText.END;
    }

}
