package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlanStatusTest {

    @ParameterizedTest
    @EnumSource(PlanStatus.class)
    void everyChangeIsAllowedOrRefusedAsFhirCarePlanHasIt(PlanStatus from) {
        Set<PlanStatus> allowed = switch (from) {
            case DRAFT -> EnumSet.of(PlanStatus.ACTIVE, PlanStatus.REVOKED);
            case ACTIVE -> EnumSet.of(PlanStatus.ON_HOLD, PlanStatus.COMPLETED, PlanStatus.REVOKED);
            case ON_HOLD -> EnumSet.of(PlanStatus.ACTIVE, PlanStatus.REVOKED);
            case COMPLETED, REVOKED -> EnumSet.noneOf(PlanStatus.class);
        };
        for (PlanStatus to : PlanStatus.values()) {
            assertThat(from.canBecome(to)).as("%s -> %s", from, to).isEqualTo(allowed.contains(to));
        }
    }

}
