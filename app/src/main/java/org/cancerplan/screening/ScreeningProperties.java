package org.cancerplan.screening;

import java.time.Period;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Screening settings that change with national policy: each programme's eligible ages (from {@code minAge} up to,
 * not including, {@code maxAge}) and interval, and the reminder and expiry job.
 *
 * @param programmes settings per programme; missing ones take the defaults below
 * @param remindAfter days without a response before a reminder
 * @param jobCron when the reminder and expiry job runs (Spring cron)
 */
@ConfigurationProperties("cancerplan.screening")
public record ScreeningProperties(Map<Programme, Eligibility> programmes, @DefaultValue("P14D") Period remindAfter,
        @DefaultValue("0 0 6 * * *") String jobCron) {

    /** Bowel 50-74, breast 50 to the 71st birthday, cervical 25-64, lung 55 to under 75. */
    static final Map<Programme, Eligibility> DEFAULTS = Map.of(
            Programme.BOWEL, new Eligibility(50, 75, Period.ofYears(2)),
            Programme.BREAST, new Eligibility(50, 71, Period.ofYears(3)),
            Programme.CERVICAL, new Eligibility(25, 65, Period.ofYears(5)),
            Programme.LUNG, new Eligibility(55, 75, Period.ofYears(2)));

    public ScreeningProperties {
        programmes = programmes == null ? Map.of() : Map.copyOf(programmes);
    }

    /**
     * @param minAge the youngest eligible age
     * @param maxAge the first age no longer eligible
     * @param interval how often people are invited
     */
    public record Eligibility(int minAge, int maxAge, Period interval) {
    }

    Eligibility eligibility(Programme programme) {
        return programmes.getOrDefault(programme, DEFAULTS.get(programme));
    }
}
