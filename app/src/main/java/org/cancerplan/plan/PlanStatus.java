package org.cancerplan.plan;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A plan's status, as FHIR CarePlan's, with the changes it allows. */
public enum PlanStatus {

    DRAFT, ACTIVE, ON_HOLD, COMPLETED, REVOKED;

    private static final Map<PlanStatus, Set<PlanStatus>> NEXT = Map.of(DRAFT, EnumSet.of(ACTIVE, REVOKED), ACTIVE,
            EnumSet.of(ON_HOLD, COMPLETED, REVOKED), ON_HOLD, EnumSet.of(ACTIVE, REVOKED), COMPLETED,
            EnumSet.noneOf(PlanStatus.class), REVOKED, EnumSet.noneOf(PlanStatus.class));

    public boolean isOpen() {
        return this == DRAFT || this == ACTIVE || this == ON_HOLD;
    }

    public boolean canBecome(PlanStatus next) {
        return NEXT.get(this).contains(next);
    }

}
