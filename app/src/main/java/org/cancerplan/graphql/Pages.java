package org.cancerplan.graphql;

import org.cancerplan.shared.BadInputException;
import org.springframework.graphql.data.query.ScrollSubrange;

/** Page sizes of Relay connections: {@code first} defaults to {@value #DEFAULT} and is capped at {@value #MAX}. */
public final class Pages {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;
    public static final String INVALID_CURSOR = "Not a cursor this service gave out; use a pageInfo.endCursor";

    private Pages() {
    }

    /**
     * @param first the {@code first} argument as sent (the subrange drops a negative one silently)
     */
    public static int count(Integer first, ScrollSubrange subrange) {
        int requested = first != null ? first : subrange.count().orElse(DEFAULT);
        if (requested < 0) {
            throw new BadInputException("first must not be negative");
        }
        return Math.min(requested, MAX);
    }
}
