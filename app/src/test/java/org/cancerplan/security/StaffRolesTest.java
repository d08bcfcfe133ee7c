package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StaffRolesTest {

    private static final StaffRoles DEFAULTS = new StaffRoles(null, null, null, null);

    @Test
    void theJobRoleIsTheRPartOfTheFullCodeWhereverItStands() {
        assertThat(StaffRoles.jobRole("S8000:G8000:R8001")).isEqualTo("R8001");
        assertThat(StaffRoles.jobRole("R8001:S8000:G8000")).isEqualTo("R8001");
        assertThat(StaffRoles.jobRole("R8001")).isEqualTo("R8001");
        assertThat(StaffRoles.jobRole("S8000:G8000")).isNull();
        assertThat(StaffRoles.jobRole("S8000:G8000:XR8001")).isNull();
        assertThat(StaffRoles.jobRole(null)).isNull();
    }

    @Test
    void privilegesComeFromTheJobRoleOfTheFullCode() {
        assertThat(DEFAULTS.privilegesOf("S8000:G8000:R8000", List.of())).containsExactly(StaffPrivilege.CLINICAL);
        assertThat(DEFAULTS.privilegesOf("S8000:G8000:R8013", List.of())).containsExactly(StaffPrivilege.ADMIN);
        assertThat(DEFAULTS.privilegesOf("S8000:G8000:R8008", List.of("B0825"))).isEmpty();
        assertThat(DEFAULTS.privilegesOf("R8000:R8013", List.of())).containsExactly(StaffPrivilege.CLINICAL);
    }

    @Test
    void configuredActivityCodesOfTheRoleGrantTheirPrivilege() {
        StaffRoles roles = new Binder(
                new MapConfigurationPropertySource(Map.of("cancerplan.security.staff.clinical-activity-codes",
                        "B0825,B0820", "cancerplan.security.staff.admin-activity-codes", "B0100")))
            .bindOrCreate("cancerplan.security", SecurityProperties.class)
            .staff()
            .roles();

        assertThat(roles.privilegesOf("S8000:G8000:R8008", List.of("B0278", "B0820")))
            .containsExactly(StaffPrivilege.CLINICAL);
        assertThat(roles.privilegesOf("S8000:G8000:R8008", List.of("B0100"))).containsExactly(StaffPrivilege.ADMIN);
        assertThat(roles.privilegesOf("S8000:G8000:R8008", List.of("B0278"))).isEmpty();
        assertThat(roles.privilegesOf("S8000:G8000:R8008", null)).isEmpty();
    }

}
