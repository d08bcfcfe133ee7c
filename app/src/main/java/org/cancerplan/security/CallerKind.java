package org.cancerplan.security;

/**
 * The kinds of caller the service knows, each with its own token issuer (or, for support,
 * the admin shell).
 */
public enum CallerKind {

    PATIENT, STAFF, INTEGRATION, SUPPORT

}
