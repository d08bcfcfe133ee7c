package org.cancerplan.local;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cancerplan.security.CallerKind;

/**
 * A demo user or client of the local authorization server. Each one is a client-credentials client (secret
 * {@code demo-<id>}) whose token carries the identity's claims, so a token can be had with one curl command; the
 * people among them can also sign in through the browser flow with password {@value #PASSWORD}.
 */
record DemoIdentity(String id, CallerKind kind, String description, Map<String, Object> claims, Set<String> scopes) {

    static final String PASSWORD = "demo";

    static final List<DemoIdentity> ALL = List.of(
            patient("alex", "Alex Jones, P9 patient with a plan", "9434765919", "Alex", "Jones", "P9"),
            patient("priya", "Priya Shah, P9 patient", "9434765927", "Priya", "Shah", "P9"),
            patient("jo", "Jo Brown, P5 patient (non-clinical data only)", "9434765935", "Jo", "Brown", "P5"),
            staff("dr-khan", "Dr Aisha Khan, consultant oncologist at R1H", "Dr Aisha Khan", "R1H", "R8000",
                    "Clinical Practitioner Access Role"),
            staff("lead-ellis", "Morgan Ellis, neighbourhood cancer lead at Y01234", "Morgan Ellis", "Y01234",
                    "R8001", "Nurse Access Role"),
            staff("admin-lee", "Sam Lee, service administrator (staff admin role) at Y01234", "Sam Lee", "Y01234",
                    "R8013", "Health Service Management Access Role"),
            new DemoIdentity("screening-feed", CallerKind.INTEGRATION, "screening and registration feed", Map.of(),
                    Set.of("patients:write", "invitations:write", "results:write", "reports:read")));

    /** The client secret (the authorization server wants one per client). */
    String clientSecret() {
        return "demo-" + id;
    }

    /** The path of the local issuer that issues this identity's tokens, e.g. {@code /patient}. */
    String issuerPath() {
        return "/" + kind.name().toLowerCase();
    }

    private static DemoIdentity patient(String id, String description, String nhsNumber, String given, String family,
            String level) {
        return new DemoIdentity(id, CallerKind.PATIENT, description, Map.of("nhs_number", nhsNumber,
                "identity_proofing_level", level, "vot", level + ".Cp.Cd", "given_name", given, "family_name",
                family), Set.of());
    }

    private static DemoIdentity staff(String id, String description, String name, String org, String roleCode,
            String roleName) {
        String roleId = "5550" + Math.abs(id.hashCode() % 100000);
        return new DemoIdentity(id, CallerKind.STAFF, description, Map.of("name", name, "selected_roleid", roleId,
                "nhsid_nrbac_roles", List.of(Map.of("person_roleid", roleId, "org_code", org, "role_code", roleCode,
                        "role_name", roleName))), Set.of());
    }
}
