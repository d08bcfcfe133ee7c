package org.cancerplan.local;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerplan.security.CallerKind;

/**
 * A demo user or client of the local authorization server. Each one is a
 * client-credentials client (secret {@code demo-<id>}) whose token carries the identity's
 * claims, so a token can be had with one curl command; the people among them can also
 * sign in through the browser flow with password {@value #PASSWORD}.
 */
record DemoIdentity(String id, CallerKind kind, String description, Map<String, Object> claims, Set<String> scopes) {

    static final String PASSWORD = "demo";

    static final List<DemoIdentity> ALL = List.of(
            patient("alex", "Alex Jones, P9 patient with a plan", "9434765919", "Alex", "Jones", "P9"),
            patient("priya", "Priya Shah, P9 patient", "9434765927", "Priya", "Shah", "P9"),
            patient("jo", "Jo Brown, P5 patient (non-clinical data only)", "9434765935", "Jo", "Brown", "P5"),
            staff("dr-khan", "Dr Aisha Khan, consultant oncologist at R1H", "Dr Aisha Khan",
                    List.of(role("555012301", "R1H", "R8000", "Clinical Practitioner Access Role"),
                            role("555012302", "RQX", "R8003", "Health Professional Access Role"))),
            staff("lead-ellis", "Morgan Ellis, neighbourhood cancer lead at Y01234", "Morgan Ellis",
                    List.of(role("555012311", "Y01234", "R8008", "Admin/Clinical Support Access Role"))),
            staff("admin-lee", "Sam Lee, service administrator (staff admin role) at Y01234", "Sam Lee",
                    List.of(role("555012321", "Y01234", "R8013", "Health Service Management Access Role"))),
            new DemoIdentity("screening-feed", CallerKind.INTEGRATION, "screening and registration feed", Map.of(),
                    Set.of("patients:write", "invitations:write", "results:write", "reports:read")));

    /** The client secret (the authorization server wants one per client). */
    String clientSecret() {
        return "demo-" + id;
    }

    /**
     * The path of the local issuer that issues this identity's tokens, e.g.
     * {@code /patient}.
     */
    String issuerPath() {
        return "/" + kind.name().toLowerCase();
    }

    private static DemoIdentity patient(String id, String description, String nhsNumber, String given, String family,
            String level) {
        return new DemoIdentity(id, CallerKind.PATIENT, description, Map.of("nhs_number", nhsNumber,
                "identity_proofing_level", level, "vot", level + ".Cp.Cd", "given_name", given, "family_name", family),
                Set.of());
    }

    /**
     * A staff member shaped as CIS2 sends them: every role in {@code nhsid_nrbac_roles}
     * with its full national RBAC code and activity codes, the first one chosen in
     * {@code selected_roleid}.
     */
    private static DemoIdentity staff(String id, String description, String name, List<Map<String, Object>> roles) {
        return new DemoIdentity(id, CallerKind.STAFF, description,
                Map.of("name", name, "selected_roleid", roles.get(0).get("person_roleid"), "nhsid_nrbac_roles", roles),
                Set.of());
    }

    /**
     * The staff group and job role group of the code are for the shape only: the service
     * reads the job role.
     */
    private static Map<String, Object> role(String roleId, String organisation, String jobRole, String roleName) {
        return Map.of("person_roleid", roleId, "org_code", organisation, "role_code", "S8000:G8000:" + jobRole,
                "role_name", roleName, "activity_codes", List.of("B0278", "B0401", "B0825", "B0058"));
    }
}
