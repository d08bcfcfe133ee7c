package org.cancerplan.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which staff role codes (national RBAC job role codes, as in CIS2 tokens) carry which privilege.
 *
 * @param clinicalRoleCodes roles that care for patients
 * @param adminRoleCodes roles that run the service
 */
public record StaffRoles(Set<String> clinicalRoleCodes, Set<String> adminRoleCodes) {

    /** R8000 clinical practitioner, R8001 nurse, R8002 nurse manager, R8003 health professional. */
    public static final Set<String> DEFAULT_CLINICAL = Set.of("R8000", "R8001", "R8002", "R8003");
    /** R8013 health service management. */
    public static final Set<String> DEFAULT_ADMIN = Set.of("R8013");

    public StaffRoles {
        clinicalRoleCodes = clinicalRoleCodes == null || clinicalRoleCodes.isEmpty() ? DEFAULT_CLINICAL
                : Set.copyOf(clinicalRoleCodes);
        adminRoleCodes = adminRoleCodes == null || adminRoleCodes.isEmpty() ? DEFAULT_ADMIN : Set.copyOf(adminRoleCodes);
    }

    Set<StaffPrivilege> privilegesOf(String roleCode) {
        Set<StaffPrivilege> privileges = EnumSet.noneOf(StaffPrivilege.class);
        if (clinicalRoleCodes.contains(roleCode)) {
            privileges.add(StaffPrivilege.CLINICAL);
        }
        if (adminRoleCodes.contains(roleCode)) {
            privileges.add(StaffPrivilege.ADMIN);
        }
        return privileges;
    }
}
