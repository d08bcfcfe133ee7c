package org.cancerplan.security;

/** What a staff role allows, by the role codes configured for it ({@link StaffRoles}). */
public enum StaffPrivilege {

    /**
     * Care for patients: read demographics, open plans, reach the clinical data of
     * patients in their care.
     */
    CLINICAL,
    /** Run the service: the lead directory, admin overrides. */
    ADMIN

}
