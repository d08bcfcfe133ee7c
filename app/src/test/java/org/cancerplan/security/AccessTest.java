package org.cancerplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.access.AccessDeniedException;

class AccessTest {

    private static final Caller P9 = Caller.patient("s", "A", "9434765919", "P9");

    private static final Caller P5 = Caller.patient("s", "A", "9434765919", "P5");

    private static final Caller CLINICIAN = Caller.staff("s", "Dr", "R1H", "R8000", Set.of(StaffPrivilege.CLINICAL));

    private static final Caller RECEPTIONIST = Caller.staff("s", "Rec", "R1H", "R8009", Set.of());

    @Test
    void clinicalDataNeedsP9() {
        assertThatCode(() -> Access.requireClinicallyProofedPatient(P9)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.requireClinicallyProofedPatient(P5)).isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining("P9");
        assertThatThrownBy(() -> Access.requireClinicallyProofedPatient(CLINICIAN))
            .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void staffReachClinicalDataThroughTheCareTeamOrAsTheLead() {
        assertThatCode(() -> Access.requireInCare(CLINICIAN, true, false)).doesNotThrowAnyException();
        assertThatCode(() -> Access.requireInCare(CLINICIAN, false, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.requireInCare(CLINICIAN, false, false))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Access.requireInCare(RECEPTIONIST, true, false))
            .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Access.requireInCare(P9, true, true)).isInstanceOf(AccessDeniedException.class);
        assertThatCode(() -> Access.requireInCare(Caller.support("op"), false, false)).doesNotThrowAnyException();
    }

    @Test
    void scopesAreForIntegrationsAndSupportActsWithAll() {
        Caller feed = Caller.integration("feed", Set.of("patients:write"));

        assertThatCode(() -> Access.requireScope(feed, "patients:write")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Access.requireScope(feed, "results:write")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Access.requireScope(CLINICIAN, "patients:write"))
            .isInstanceOf(AccessDeniedException.class);
        assertThatCode(() -> Access.requireScope(Caller.support("op"), "results:write")).doesNotThrowAnyException();
    }

    @Test
    void staffRoleCodesComeFromConfigurationWithDocumentedDefaults() {
        SecurityProperties defaults = bind(Map.of("cancerplan.security.audience", "a"));
        SecurityProperties custom = bind(
                Map.of("cancerplan.security.audience", "a", "cancerplan.security.staff.clinical-role-codes",
                        "R9001,R9002", "cancerplan.security.staff.admin-role-codes", "R9100"));

        assertThat(defaults.staff().roles().privilegesOf("R8000", List.of())).containsExactly(StaffPrivilege.CLINICAL);
        assertThat(defaults.staff().roles().privilegesOf("R8013", List.of())).containsExactly(StaffPrivilege.ADMIN);
        assertThat(defaults.staff().roles().privilegesOf("R8009", List.of())).isEmpty();
        assertThat(custom.staff().roles().privilegesOf("R9002", List.of())).containsExactly(StaffPrivilege.CLINICAL);
        assertThat(custom.staff().roles().privilegesOf("R9100", List.of())).containsExactly(StaffPrivilege.ADMIN);
        assertThat(custom.staff().roles().privilegesOf("R8000", List.of())).isEmpty();
    }

    private static SecurityProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cancerplan.security",
                SecurityProperties.class);
    }

}
