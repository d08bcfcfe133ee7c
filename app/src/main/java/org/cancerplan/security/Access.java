package org.cancerplan.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * The checks services make before they act; each refusal is an {@link AccessDeniedException}, which the API
 * reports as {@code FORBIDDEN}.
 */
public final class Access {

    private Access() {
    }

    public static void requireKind(Caller caller, CallerKind kind) {
        if (caller == null || !caller.is(kind)) {
            throw new AccessDeniedException("Only " + kind.name().toLowerCase() + " callers may do this");
        }
    }

    public static void requireScope(Caller caller, String scope) {
        if (caller == null || !(caller.hasScope(scope) || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException("This needs the scope " + scope);
        }
    }
}
