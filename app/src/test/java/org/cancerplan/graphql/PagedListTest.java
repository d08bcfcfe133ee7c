package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.graphql.PagedList.objectId;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import graphql.relay.Connection;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * A page's cursors are written when they are read, once each: most clients read only
 * {@code endCursor}.
 */
class PagedListTest {

    private static final PagedList THINGS = PagedList.of("things", objectId("id"));

    private final List<String> ids = Stream.generate(() -> new ObjectId().toHexString()).limit(Pages.MAX).toList();

    private final AtomicInteger positionsRead = new AtomicInteger();

    private final Window<String> page = Window.from(ids, index -> {
        positionsRead.incrementAndGet();
        return ScrollPosition.forward(Map.of("id", ids.get(index)));
    }, true);

    @Test
    void aPageWritesNoCursorUntilOneIsRead() {
        Connection<String> connection = THINGS.connection(page);

        assertThat(connection.getEdges()).hasSize(Pages.MAX);
        assertThat(positionsRead).hasValue(0);
    }

    @Test
    void theEndCursorIsWrittenOnceAndLeadsToThePageAfterTheLastItem() {
        Connection<String> connection = THINGS.connection(page);

        String endCursor = connection.getPageInfo().getEndCursor().getValue();
        String lastEdgesCursor = connection.getEdges().get(Pages.MAX - 1).getCursor().getValue();

        assertThat(positionsRead).hasValue(1);
        assertThat(lastEdgesCursor).isEqualTo(endCursor);
        assertThat(THINGS.after(endCursor)).isEqualTo(ScrollPosition.forward(Map.of("id", ids.get(Pages.MAX - 1))));
    }

    /**
     * graphql-java's String scalar writes a cursor as {@link String#valueOf(Object)}
     * does.
     */
    @Test
    void aCursorIsWrittenAsItsValue() {
        Connection<String> connection = THINGS.connection(page);

        assertThat(String.valueOf(connection.getPageInfo().getStartCursor()))
            .isEqualTo(connection.getEdges().get(0).getCursor().getValue());
        assertThat(THINGS.after(String.valueOf(connection.getPageInfo().getStartCursor())))
            .isEqualTo(ScrollPosition.forward(Map.of("id", ids.get(0))));
    }

}
