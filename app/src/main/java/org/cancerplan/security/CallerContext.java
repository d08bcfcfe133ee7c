package org.cancerplan.security;

/**
 * Where a WebSocket connection's {@link Caller} is found in the GraphQL context (use with
 * {@code @ContextValue}).
 */
public final class CallerContext {

    public static final String KEY = "cancerplan.caller";

    /**
     * Where a WebSocket connection keeps when its token expires (an
     * {@link java.time.Instant}).
     */
    public static final String EXPIRES_AT = "cancerplan.caller.expiresAt";

    private CallerContext() {
    }

    /**
     * The caller of an operation: the HTTP request's authenticated principal, or the
     * WebSocket connection's.
     */
    public static Caller of(Caller principal, Caller connection) {
        return principal != null ? principal : connection;
    }

}
