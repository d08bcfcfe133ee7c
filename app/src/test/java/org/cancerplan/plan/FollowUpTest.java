package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.junit.jupiter.api.Test;

class FollowUpTest {

    private static final LocalDate LAST_DAY = LocalDate.parse("2029-11-30");

    @Test
    void patientInitiatedFollowUpIsOpenOnItsLastDayAndClosedOnTheNext() {
        FollowUp followUp = new FollowUp(FollowUpKind.PATIENT_INITIATED, LAST_DAY, null, List.of());

        assertThat(followUp.allowsRequestOn(LAST_DAY.minusYears(3))).isTrue();
        assertThat(followUp.allowsRequestOn(LAST_DAY)).isTrue();
        assertThat(followUp.allowsRequestOn(LAST_DAY.plusDays(1))).isFalse();
    }

    @Test
    void noOtherKindOfFollowUpTakesRequests() {
        for (FollowUpKind kind : List.of(FollowUpKind.SCHEDULED, FollowUpKind.SURVEILLANCE, FollowUpKind.DISCHARGED)) {
            assertThat(new FollowUp(kind, LAST_DAY, LAST_DAY, List.of()).allowsRequestOn(LAST_DAY)).as("%s", kind)
                .isFalse();
        }
    }

}
