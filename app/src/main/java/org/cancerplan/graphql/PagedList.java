package org.cancerplan.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.relay.Connection;
import graphql.relay.ConnectionCursor;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import org.bson.types.ObjectId;
import org.cancerplan.shared.BadInputException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.util.function.SingletonSupplier;

/**
 * A paged list of the API (a Relay connection): the name its cursors are bound to, and
 * the keys its pages are sorted by, the last one unique (the id) so that paging shows
 * every item exactly once. A cursor of another list, one that was altered, or one whose
 * keys hold values the list's keys never hold (a forged cursor: its checksum is no
 * secret) is a {@link BadInputException} about {@code after}.
 *
 * @param name the list's name, e.g. {@code accessLog}
 * @param keys the keys of the list's sort, e.g. {@code at} and {@code id}
 */
public record PagedList(String name, List<SortKey> keys) {

    /**
     * What a sort key holds; a cursor holding anything else is refused before it reaches
     * the store.
     */
    public enum Kind {

        /** An instant of the years 0001 to 9999, as a stored date can hold. */
        INSTANT,
        /** A day of the years 0001 to 9999. */
        DATE,
        /** A document's id, an ObjectId as its 24 hex digits. */
        OBJECT_ID,
        /** A small rank, 0 to 99 (a priority's, say). */
        RANK

    }

    /** A key of a list's sort: the property it sorts by and what the property holds. */
    public record SortKey(String property, Kind kind) {

        private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

        private static final Instant AFTER_LAST_INSTANT = Instant.parse("+10000-01-01T00:00:00Z");

        boolean holds(Object value) {
            return switch (kind) {
                case INSTANT ->
                    value instanceof Instant at && !at.isBefore(FIRST_INSTANT) && at.isBefore(AFTER_LAST_INSTANT);
                case DATE -> value instanceof LocalDate day && day.getYear() >= 1 && day.getYear() <= 9999;
                case OBJECT_ID -> value instanceof String id && ObjectId.isValid(id);
                case RANK -> value instanceof Integer rank && rank >= 0 && rank < 100;
            };
        }
    }

    public static PagedList of(String name, SortKey... keys) {
        return new PagedList(name, List.of(keys));
    }

    public static SortKey instant(String property) {
        return new SortKey(property, Kind.INSTANT);
    }

    public static SortKey date(String property) {
        return new SortKey(property, Kind.DATE);
    }

    public static SortKey rank(String property) {
        return new SortKey(property, Kind.RANK);
    }

    public static SortKey objectId(String property) {
        return new SortKey(property, Kind.OBJECT_ID);
    }

    /**
     * Where the page after the cursor starts: the start of the list when there is no
     * cursor.
     */
    public ScrollPosition after(String cursor) {
        if (cursor == null) {
            return ScrollPosition.keyset();
        }
        Map<String, Object> values = Cursors.decode(name, cursor);
        if (!holdsOurKeys(values)) {
            throw new BadInputException(Cursors.ARGUMENT, Cursors.NOT_OURS);
        }
        return ScrollPosition.forward(values);
    }

    /**
     * The page as a Relay connection, each edge with its cursor of this list, written
     * only if a client reads it (most read only {@code endCursor}). Pages go forward
     * only.
     */
    public <T> Connection<T> connection(Window<T> page) {
        List<Edge<T>> edges = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            int index = i;
            edges.add(new DefaultEdge<>(page.getContent().get(i),
                    new OnDemandCursor(SingletonSupplier.of(() -> cursorAt(page, index)))));
        }
        return new DefaultConnection<>(edges, new DefaultPageInfo(edges.isEmpty() ? null : edges.get(0).getCursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor(), false, page.hasNext()));
    }

    private String cursorAt(Window<?> page, int index) {
        if (!(page.positionAt(index) instanceof KeysetScrollPosition position) || !holdsOurKeys(position.getKeys())) {
            throw new IllegalStateException(
                    "The " + name + " list is sorted by " + keys + ", not as " + page.positionAt(index));
        }
        return Cursors.encode(name, position.getKeys());
    }

    /**
     * A cursor written when it is first read; graphql-java's String scalar writes it with
     * {@code toString}.
     */
    private record OnDemandCursor(SingletonSupplier<String> value) implements ConnectionCursor {

        @Override
        public String getValue() {
            return value.obtain();
        }

        @Override
        public String toString() {
            return getValue();
        }
    }

    private boolean holdsOurKeys(Map<String, ?> values) {
        return values.keySet().equals(properties())
                && keys.stream().allMatch(key -> key.holds(values.get(key.property())));
    }

    private Set<String> properties() {
        return keys.stream().map(SortKey::property).collect(Collectors.toSet());
    }
}
