package org.cancerplan.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * The rules services apply before they act. Each refusal is an
 * {@link AccessDeniedException}, which the API reports as {@code FORBIDDEN}; its message
 * says what would have been needed, never whether a record exists.
 */
public final class Access {

    private Access() {
    }

    public static void requireKind(Caller caller, CallerKind kind) {
        if (caller == null || !caller.is(kind)) {
            throw new AccessDeniedException("Only " + kind.name().toLowerCase() + " callers may do this");
        }
    }

    /**
     * Integrations need the scope; support operators (the admin shell) act with every
     * scope.
     */
    public static void requireScope(Caller caller, String scope) {
        if (caller == null || !(caller.hasScope(scope) || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException("This needs an integration token with the scope " + scope);
        }
    }

    /** Patients' clinical data needs identity proofing to P9. */
    public static void requireClinicallyProofedPatient(Caller caller) {
        requireKind(caller, CallerKind.PATIENT);
        if (!caller.isClinicallyProofedPatient()) {
            throw new AccessDeniedException("Clinical information needs identity proofing to level "
                    + Caller.CLINICAL_PROOFING_LEVEL + "; prove your identity in the app to see it");
        }
    }

    /** The patient themself, proofed to P9: their own clinical record. */
    public static void requireOwnClinicalRecord(Caller caller, String patientNhsNumber) {
        requireClinicallyProofedPatient(caller);
        if (!caller.nhsNumber().equals(patientNhsNumber)) {
            throw new AccessDeniedException("Patients reach only their own record");
        }
    }

    /**
     * Staff with the privilege; support operators (the admin shell) act with every
     * privilege.
     */
    public static void requireStaffPrivilege(Caller caller, StaffPrivilege privilege) {
        if (caller == null || !(caller.has(privilege) || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException(
                    "This needs a staff role with the " + privilege.name().toLowerCase() + " privilege");
        }
    }

    /**
     * Staff reach a patient's clinical data only when the patient's plan names their
     * organisation in its care team, or they are the patient's neighbourhood lead.
     * Support operators may act on any record.
     * @param careTeamNamesCallersOrganisation whether the plan's care team names the
     * caller's organisation
     * @param callerIsTheLead whether the caller is the patient's neighbourhood lead
     */
    public static void requireInCare(Caller caller, boolean careTeamNamesCallersOrganisation, boolean callerIsTheLead) {
        if (caller != null && caller.is(CallerKind.SUPPORT)) {
            return;
        }
        requireStaffPrivilege(caller, StaffPrivilege.CLINICAL);
        if (!careTeamNamesCallersOrganisation && !callerIsTheLead) {
            throw new AccessDeniedException("Only the patient's care team and neighbourhood lead may see this");
        }
    }

    /**
     * The organisation a population report covers (null: all): any for staff with an
     * admin role, integrations with {@code reports:read} and support; their own for
     * clinical staff; else {@code AccessDeniedException}.
     * @param report what the report is, for the refusal, e.g. {@code Waiting-time
     * reports}
     */
    public static String reportScope(Caller caller, String organisation, String report) {
        if (caller != null && (caller.has(StaffPrivilege.ADMIN) || caller.hasScope("reports:read")
                || caller.is(CallerKind.SUPPORT))) {
            return organisation;
        }
        if (caller != null && caller.has(StaffPrivilege.CLINICAL)
                && (organisation == null || organisation.equals(caller.organisation()))) {
            return caller.organisation();
        }
        throw new AccessDeniedException(report + " are for the organisation's own staff, staff with an admin role "
                + "and integrations with the scope reports:read");
    }

}
