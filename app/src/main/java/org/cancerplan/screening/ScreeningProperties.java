package org.cancerplan.screening;

import java.time.Period;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Screening settings that change with national policy: each programme's eligible ages
 * (from {@code minAge} up to, not including, {@code maxAge}) and interval, and the
 * reminder and expiry job.
 *
 * @param programmes settings per programme; missing ones take the national defaults
 * @param remindAfter days without a response before a reminder
 * @param jobCron when the reminder and expiry job runs (Spring cron, London time)
 */
@Validated
@ConfigurationProperties("cancerplan.screening")
public record ScreeningProperties(@DefaultValue Map<Programme, @Valid Eligibility> programmes,
        @DefaultValue("P14D") Period remindAfter, @DefaultValue(ScreeningProperties.DEFAULT_JOB_CRON) String jobCron) {

    /** 06:00 every day. */
    static final String DEFAULT_JOB_CRON = "0 0 6 * * *";

    /**
     * Bowel 50-74, breast 50 to the 71st birthday, cervical 25-64, lung 55 to under 75.
     */
    static final Map<Programme, Eligibility> DEFAULTS = Map.of(Programme.BOWEL,
            new Eligibility(50, 75, Period.ofYears(2)), Programme.BREAST, new Eligibility(50, 71, Period.ofYears(3)),
            Programme.CERVICAL, new Eligibility(25, 65, Period.ofYears(5)), Programme.LUNG,
            new Eligibility(55, 75, Period.ofYears(2)));

    /**
     * @param minAge the youngest eligible age
     * @param maxAge the first age no longer eligible
     * @param interval how often people are invited
     */
    public record Eligibility(@PositiveOrZero int minAge, @Positive int maxAge, @NotNull Period interval) {
    }

    Eligibility eligibility(Programme programme) {
        return programmes.getOrDefault(programme, DEFAULTS.get(programme));
    }
}
