package org.cancerplan.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cancerplan.support.SteppedClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.annotation.Configuration;

/**
 * Reports computed at most once per max-age for the same parameters, on a stepped clock.
 */
class RecentReportsTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private record Report(Instant computedAt, int computation) {
    }

    private final SteppedClock clock = new SteppedClock(START);

    private final AtomicInteger computations = new AtomicInteger();

    @Test
    void theSameParametersWithinTheMaxAgeGetTheReportComputedThenAndLaterOnesANewOne() {
        RecentReports<String, Report> reports = reports(Duration.ofMinutes(1));

        Report first = reports.get("BOWEL", this::compute);
        clock.advance(Duration.ofSeconds(59));
        Report withinTheMinute = reports.get("BOWEL", this::compute);
        Report otherParameters = reports.get("BREAST", this::compute);
        clock.advance(Duration.ofSeconds(1));
        Report aMinuteOn = reports.get("BOWEL", this::compute);

        assertThat(withinTheMinute).isSameAs(first);
        assertThat(first.computedAt()).isEqualTo(START);
        assertThat(otherParameters.computation()).isEqualTo(2);
        assertThat(aMinuteOn.computation()).isEqualTo(3);
        assertThat(aMinuteOn.computedAt()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void aMaxAgeOfZeroComputesEveryRequest() {
        RecentReports<String, Report> reports = reports(Duration.ZERO);

        reports.get("BOWEL", this::compute);
        reports.get("BOWEL", this::compute);

        assertThat(computations).hasValue(2);
    }

    @Test
    void aNegativeMaxAgeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
            .run("--cancerplan.reports.max-age=-1s")).rootCause()
            .isInstanceOf(BindValidationException.class)
            .hasMessageContaining("cancerplan.reports")
            .hasMessageContaining("must not be negative");
    }

    private RecentReports<String, Report> reports(Duration maxAge) {
        return new RecentReports<>("test", new ReportSettings(maxAge, 10), clock, new SimpleMeterRegistry());
    }

    private Report compute(Instant at) {
        return new Report(at, computations.incrementAndGet());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReportSettings.class)
    static class SettingsOnly {

    }

}
