package org.cancerplan.graphql;

import org.cancerplan.shared.BadInputException;

/**
 * Page sizes of Relay connections: {@code first} defaults to {@value #DEFAULT} and is
 * capped at {@value #MAX}. Their cursors are made and read by {@link PagedList}.
 */
public final class Pages {

    public static final int DEFAULT = 20;

    public static final int MAX = 100;

    private Pages() {
    }

    /**
     * @param first the {@code first} argument as sent
     */
    public static int count(Integer first) {
        int requested = first != null ? first : DEFAULT;
        if (requested < 0) {
            throw new BadInputException("first", "first must not be negative");
        }
        return Math.min(requested, MAX);
    }

}
