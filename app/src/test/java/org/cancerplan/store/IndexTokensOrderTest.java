package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A secondary index's tokens sort, as text, as mongo-java-server's comparator sorts their
 * values, so a walk of its entries is in sort order; values the comparator takes as equal
 * have one token, and values it does not order as their kind are marked.
 */
class IndexTokensOrderTest {

    private static final List<Object> VALUES = List.of(
            // null and missing
            Missing.getInstance(),
            // numbers of every kind, equal ones among them, longs that no double holds
            // exactly
            -1_000_000_000_000L, -2.5, -1, -1L, -1.0, -0.5, -0.0, 0, 0L, 0.0, 0.25, 1, 1L, 1.0, 1.5, 2, 2_147_483_647,
            2_147_483_648L, 4_000_000_000.0, (1L << 53) - 1, 1L << 53, (1L << 53) + 1, (1L << 53) + 2, (1L << 62) + 1,
            Long.MAX_VALUE - 2_048,
            // strings, with the terminator and the escape in them
            "", "\0", "\0\0", "\1", "\1\0", "a", "a\0", "a\0b", "a\1", "a\1b", "a\2", "ab", "b", "z", "\u00e9",
            "\uffff",
            // UUIDs, ObjectIds, booleans
            new UUID(0, 1), new UUID(Long.MIN_VALUE, 0), new UUID(-1, -1), new ObjectId("000000000000000000000001"),
            new ObjectId("7f0000000000000000000000"), new ObjectId("800000000000000000000000"),
            new ObjectId("ff0000000000000000000000"), false, true,
            // dates, before and after 1970, with fractions of every length
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00.001Z"),
            Instant.parse("2026-01-01T00:00:00.123Z"), Instant.parse("2026-01-01T00:00:01Z"),
            Instant.parse("2026-01-01T00:00:00.000000001Z"));

    @Test
    void tokensSortAsTheComparatorSortsTheirValues() {
        List<String> disagreements = new ArrayList<>();
        for (Object one : VALUES) {
            for (Object other : VALUES) {
                String oneToken = IndexTokens.ofDocumentValue(one);
                String otherToken = IndexTokens.ofDocumentValue(other);
                int expected = Integer.signum(ValueComparator.asc().compare(one, other));
                if (Integer.signum(oneToken.compareTo(otherToken)) != expected) {
                    disagreements.add(describe(one) + " vs " + describe(other) + ": comparator " + expected);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void queriesFindTheTokensOfEqualValuesAndNoTokenBeginsAnother() {
        for (Object one : VALUES) {
            String token = IndexTokens.ofDocumentValue(one);
            assertThat(IndexTokens.ofQueryValue(one)).isEqualTo(token);
            assertThat(token).doesNotStartWith(IndexTokens.UNORDERED).endsWith("\0");
            for (Object other : VALUES) {
                String otherToken = IndexTokens.ofDocumentValue(other);
                if (!token.equals(otherToken)) {
                    assertThat(otherToken).as(describe(one) + " vs " + describe(other)).doesNotStartWith(token);
                }
            }
        }
    }

    /**
     * The comparator compares a long with a double by truncating the double, so it takes
     * 2^40 + 0.5 as equal to the long 2^40, and the infinities as equal to the greatest
     * and least longs; NaN to 0 against a long.
     */
    @Test
    void valuesTheComparatorDoesNotOrderAsTheirKindAreMarked() {
        List<Object> unordered = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p63,
                -0x1p63, 1e19, (double) (1L << 40) + 0.5, -3_000_000_000.25, Long.MAX_VALUE, new Document("x", 1),
                List.of(1, 2), List.of());
        for (Object value : unordered) {
            assertThat(IndexTokens.ofDocumentValue(value)).as(describe(value)).startsWith(IndexTokens.UNORDERED);
        }
        assertThat(IndexTokens.ofQueryValue(Double.NaN)).isEqualTo(IndexTokens.ofDocumentValue(Double.NaN));
        assertThat(IndexTokens.ofQueryValue(new Document("x", 1))).isNull();
        assertThat(IndexTokens.ofQueryValue(List.of(1))).isNull();
        assertThat(ValueComparator.asc().compare(1L << 40, (double) (1L << 40) + 0.5)).isZero();
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }

}
