package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.cancerplan.plan.WaitingTimeStandard.Result;
import org.cancerplan.plan.WaitingTimeStandard.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WaitingTimeStandardTest {

    private static final LocalDate REFERRAL = LocalDate.of(2026, 9, 1);

    @ParameterizedTest(name = "{0}: ended on day {1} -> {2}")
    @CsvSource({ "FASTER_DIAGNOSIS, 0, MET", "FASTER_DIAGNOSIS, 28, MET", "FASTER_DIAGNOSIS, 29, BREACHED",
            "DECISION_TO_TREAT, 31, MET", "DECISION_TO_TREAT, 32, BREACHED", "REFERRAL_TO_TREATMENT, 62, MET",
            "REFERRAL_TO_TREATMENT, 63, BREACHED" })
    void aStandardIsMetUpToItsLastDayAndBreachedTheDayAfter(WaitingTimeStandard standard, int day, Status expected) {
        Result result = standard.assess(ended(standard, day), LocalDate.of(2027, 6, 1));

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.dueBy()).isEqualTo(start(standard).plusDays(days(standard)));
    }

    @ParameterizedTest(name = "{0}: open on day {1} -> {2}")
    @CsvSource({ "FASTER_DIAGNOSIS, 28, PENDING", "FASTER_DIAGNOSIS, 29, BREACHED", "DECISION_TO_TREAT, 31, PENDING",
            "DECISION_TO_TREAT, 32, BREACHED", "REFERRAL_TO_TREATMENT, 62, PENDING",
            "REFERRAL_TO_TREATMENT, 63, BREACHED" })
    void anOpenClockIsPendingUntilItsDueDatePasses(WaitingTimeStandard standard, int today, Status expected) {
        Pathway started = standard == WaitingTimeStandard.DECISION_TO_TREAT
                ? new Pathway(REFERRAL, REFERRAL, null, REFERRAL.plusDays(5), null)
                : new Pathway(REFERRAL, null, null, null, null);

        assertThat(standard.assess(started, start(standard).plusDays(today)).status()).isEqualTo(expected);
    }

    @Test
    void standardsDoNotApplyBeforeTheirClockStartsOrTreatmentOnesOnceCancerIsRuledOut() {
        Pathway none = Pathway.NONE;
        Pathway ruledOut = new Pathway(REFERRAL, null, REFERRAL.plusDays(10), null, null);
        LocalDate today = REFERRAL.plusDays(100);

        assertThat(WaitingTimeStandard.FASTER_DIAGNOSIS.assess(none, today).status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(WaitingTimeStandard.FASTER_DIAGNOSIS.assess(ruledOut, today).status()).isEqualTo(Status.MET);
        assertThat(WaitingTimeStandard.REFERRAL_TO_TREATMENT.assess(ruledOut, today).status())
            .isEqualTo(Status.NOT_APPLICABLE);
        assertThat(WaitingTimeStandard.DECISION_TO_TREAT.assess(ruledOut, today).status())
            .isEqualTo(Status.NOT_APPLICABLE);
    }

    private static Pathway ended(WaitingTimeStandard standard, int day) {
        return switch (standard) {
            case FASTER_DIAGNOSIS -> new Pathway(REFERRAL, REFERRAL.plusDays(day), null, null, null);
            case DECISION_TO_TREAT ->
                new Pathway(REFERRAL, REFERRAL, null, REFERRAL.plusDays(5), REFERRAL.plusDays(5 + day));
            case REFERRAL_TO_TREATMENT -> new Pathway(REFERRAL, REFERRAL, null, REFERRAL, REFERRAL.plusDays(day));
        };
    }

    private static LocalDate start(WaitingTimeStandard standard) {
        return standard == WaitingTimeStandard.DECISION_TO_TREAT ? REFERRAL.plusDays(5) : REFERRAL;
    }

    private static int days(WaitingTimeStandard standard) {
        return switch (standard) {
            case FASTER_DIAGNOSIS -> 28;
            case DECISION_TO_TREAT -> 31;
            case REFERRAL_TO_TREATMENT -> 62;
        };
    }

}
