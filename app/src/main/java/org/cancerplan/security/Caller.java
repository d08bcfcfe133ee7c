package org.cancerplan.security;

import java.util.Set;

/**
 * Who is calling, as read from a validated access token (or the admin shell).
 *
 * @param kind which kind of caller
 * @param subject the token's subject (or the operator's name)
 * @param name a name fit for an access log
 * @param nhsNumber the patient's NHS number (patients only)
 * @param identityProofingLevel {@code P9}, {@code P5} ... (patients only)
 * @param organisation the ODS code of the selected role's organisation (staff only)
 * @param roleCode the selected role's code (staff only)
 * @param scopes granted scopes (integrations only)
 */
public record Caller(CallerKind kind, String subject, String name, String nhsNumber, String identityProofingLevel,
        String organisation, String roleCode, Set<String> scopes) {

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static Caller patient(String subject, String name, String nhsNumber, String identityProofingLevel) {
        return new Caller(CallerKind.PATIENT, subject, name, nhsNumber, identityProofingLevel, null, null, Set.of());
    }

    public static Caller staff(String subject, String name, String organisation, String roleCode) {
        return new Caller(CallerKind.STAFF, subject, name, null, null, organisation, roleCode, Set.of());
    }

    public static Caller integration(String clientId, Set<String> scopes) {
        return new Caller(CallerKind.INTEGRATION, clientId, clientId, null, null, null, null, scopes);
    }

    public static Caller support(String operator) {
        return new Caller(CallerKind.SUPPORT, operator, operator, null, null, null, null, Set.of());
    }

    public boolean is(CallerKind expected) {
        return kind == expected;
    }

    public boolean hasScope(String scope) {
        return kind == CallerKind.INTEGRATION && scopes.contains(scope);
    }
}
