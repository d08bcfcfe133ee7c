package org.cancerplan.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.relay.Connection;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import org.cancerplan.shared.BadInputException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * A paged list of the API (a Relay connection): the name its cursors are bound to, and the keys its pages are sorted
 * by, the last one unique (the id) so that paging shows every item exactly once. A cursor of another list, or one
 * that was altered, is a {@link BadInputException} about {@code after}.
 *
 * @param name the list's name, e.g. {@code accessLog}
 * @param keys the properties of the list's sort, e.g. {@code at} and {@code id}
 */
public record PagedList(String name, Set<String> keys) {

    public static PagedList of(String name, String... keys) {
        return new PagedList(name, Set.of(keys));
    }

    /** Where the page after the cursor starts: the start of the list when there is no cursor. */
    public ScrollPosition after(String cursor) {
        if (cursor == null) {
            return ScrollPosition.keyset();
        }
        Map<String, Object> values = Cursors.decode(name, cursor);
        if (!values.keySet().equals(keys)) {
            throw new BadInputException(Cursors.ARGUMENT, Cursors.NOT_OURS);
        }
        return ScrollPosition.forward(values);
    }

    /** The page as a Relay connection, each edge with its cursor of this list. Pages go forward only. */
    public <T> Connection<T> connection(Window<T> page) {
        List<Edge<T>> edges = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            edges.add(new DefaultEdge<>(page.getContent().get(i), new DefaultConnectionCursor(cursorAt(page, i))));
        }
        return new DefaultConnection<>(edges, new DefaultPageInfo(edges.isEmpty() ? null : edges.get(0).getCursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor(), false, page.hasNext()));
    }

    private String cursorAt(Window<?> page, int index) {
        if (!(page.positionAt(index) instanceof KeysetScrollPosition position)
                || !position.getKeys().keySet().equals(keys)) {
            throw new IllegalStateException("The " + name + " list is sorted by " + keys + ", not as "
                    + page.positionAt(index));
        }
        return Cursors.encode(name, position.getKeys());
    }
}
