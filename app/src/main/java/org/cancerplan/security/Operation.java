package org.cancerplan.security;

/**
 * An operation as its use case declares it, once, next to it: its name (which also keys
 * its idempotency records), the action it writes to the audit trail, and who may call it
 * on what.
 *
 * @param <S> what the rule looks at: a plan, an invitation, a patient's NHS number
 */
public record Operation<S>(String name, String action, Rule<S> rule) {

    /**
     * Throws Spring Security's {@code AccessDeniedException} when the caller may not act
     * on the subject.
     */
    @FunctionalInterface
    public interface Rule<S> {

        void check(Caller caller, S subject);

    }
}
