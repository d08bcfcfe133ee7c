package org.cancerplan.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which national RBAC job roles ({@code R....}) and, optionally, activities
 * ({@code B....}) carry which privilege. CIS2 names a role by its full code,
 * {@code S8000:G8000:R8000} (staff group, job role group, job role); the job role is the
 * {@code R} part wherever it stands, and a bare {@code R8000} is read the same.
 *
 * @param clinicalRoleCodes roles that care for patients
 * @param adminRoleCodes roles that run the service
 * @param clinicalActivityCodes activities of the selected role that grant the clinical
 * privilege (none by default)
 * @param adminActivityCodes activities of the selected role that grant the admin
 * privilege (none by default)
 */
public record StaffRoles(Set<String> clinicalRoleCodes, Set<String> adminRoleCodes, Set<String> clinicalActivityCodes,
        Set<String> adminActivityCodes) {

    /**
     * R8000 clinical practitioner, R8001 nurse, R8002 nurse manager, R8003 health
     * professional.
     */
    public static final Set<String> DEFAULT_CLINICAL = Set.of("R8000", "R8001", "R8002", "R8003");

    /** R8013 health service management. */
    public static final Set<String> DEFAULT_ADMIN = Set.of("R8013");

    private static final Pattern JOB_ROLE = Pattern.compile("R\\d+");

    public StaffRoles {
        clinicalRoleCodes = clinicalRoleCodes == null || clinicalRoleCodes.isEmpty() ? DEFAULT_CLINICAL
                : Set.copyOf(clinicalRoleCodes);
        adminRoleCodes = adminRoleCodes == null || adminRoleCodes.isEmpty() ? DEFAULT_ADMIN
                : Set.copyOf(adminRoleCodes);
        clinicalActivityCodes = clinicalActivityCodes == null ? Set.of() : Set.copyOf(clinicalActivityCodes);
        adminActivityCodes = adminActivityCodes == null ? Set.of() : Set.copyOf(adminActivityCodes);
    }

    /**
     * The job role of a role code as CIS2 sends it ({@code S8000:G8000:R8001} or
     * {@code R8001}), or null.
     */
    public static String jobRole(String roleCode) {
        if (roleCode == null) {
            return null;
        }
        return Arrays.stream(roleCode.split(":"))
            .map(String::strip)
            .filter(part -> JOB_ROLE.matcher(part).matches())
            .findFirst()
            .orElse(null);
    }

    Set<StaffPrivilege> privilegesOf(String roleCode, Collection<String> activityCodes) {
        String jobRole = jobRole(roleCode);
        List<String> activities = activityCodes == null ? List.of()
                : activityCodes.stream().filter(Objects::nonNull).toList();
        Set<StaffPrivilege> privileges = EnumSet.noneOf(StaffPrivilege.class);
        if (grants(clinicalRoleCodes, clinicalActivityCodes, jobRole, activities)) {
            privileges.add(StaffPrivilege.CLINICAL);
        }
        if (grants(adminRoleCodes, adminActivityCodes, jobRole, activities)) {
            privileges.add(StaffPrivilege.ADMIN);
        }
        return privileges;
    }

    private static boolean grants(Set<String> roles, Set<String> grantingActivities, String jobRole,
            List<String> activities) {
        return jobRole != null && roles.contains(jobRole) || activities.stream().anyMatch(grantingActivities::contains);
    }
}
