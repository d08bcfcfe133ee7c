package org.cancerplan.security;

import java.util.Set;

/**
 * Who is calling, as read from a validated access token (or the admin shell).
 *
 * @param kind which kind of caller
 * @param subject the token's subject, client id or operator name
 * @param name a name fit for an access log
 * @param nhsNumber the patient's NHS number (patients only)
 * @param identityProofingLevel {@code P9}, {@code P5} ... (patients only)
 * @param organisation the ODS code of the selected role's organisation (staff only)
 * @param roleCode the selected role's code (staff only)
 * @param privileges what the staff role allows, from the configured role codes (staff
 * only)
 * @param scopes granted scopes (integrations only)
 */
public record Caller(CallerKind kind, String subject, String name, String nhsNumber, String identityProofingLevel,
        String organisation, String roleCode, Set<StaffPrivilege> privileges, Set<String> scopes) {

    /** The proofing level clinical data needs. */
    public static final String CLINICAL_PROOFING_LEVEL = "P9";

    public Caller {
        privileges = privileges == null ? Set.of() : Set.copyOf(privileges);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static Caller patient(String subject, String name, String nhsNumber, String identityProofingLevel) {
        return new Caller(CallerKind.PATIENT, subject, name, nhsNumber, identityProofingLevel, null, null, Set.of(),
                Set.of());
    }

    public static Caller staff(String subject, String name, String organisation, String roleCode,
            Set<StaffPrivilege> privileges) {
        return new Caller(CallerKind.STAFF, subject, name, null, null, organisation, roleCode, privileges, Set.of());
    }

    public static Caller integration(String clientId, Set<String> scopes) {
        return new Caller(CallerKind.INTEGRATION, clientId, clientId, null, null, null, null, Set.of(), scopes);
    }

    public static Caller support(String operator) {
        return new Caller(CallerKind.SUPPORT, operator, operator, null, null, null, null, Set.of(), Set.of());
    }

    public boolean is(CallerKind expected) {
        return kind == expected;
    }

    public boolean hasScope(String scope) {
        return kind == CallerKind.INTEGRATION && scopes.contains(scope);
    }

    public boolean has(StaffPrivilege privilege) {
        return kind == CallerKind.STAFF && privileges.contains(privilege);
    }

    /** A patient whose identity was proven to the level clinical data needs. */
    public boolean isClinicallyProofedPatient() {
        return kind == CallerKind.PATIENT && identityProofingLevel != null
                && identityProofingLevel.startsWith(CLINICAL_PROOFING_LEVEL);
    }
}
