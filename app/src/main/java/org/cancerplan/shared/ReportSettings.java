package org.cancerplan.shared;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a population report (screening uptake, waiting times) is served as computed
 * before it is computed again.
 *
 * @param maxAge how old a report may be; zero computes every request
 * @param maxReports most reports kept, one per set of parameters
 */
@Validated
@ConfigurationProperties("cancerplan.reports")
public record ReportSettings(
        @DefaultValue("1m") @DurationMin(nanos = 0, message = "must not be negative") Duration maxAge,
        @DefaultValue("200") @Min(1) int maxReports) {
}
