package org.cancerplan.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a population report (screening uptake, waiting times) is served as computed before it is computed again.
 *
 * @param maxAge how old a report may be; zero computes every request
 * @param maxReports most reports kept, one per set of parameters
 */
@ConfigurationProperties("cancerplan.reports")
public record ReportSettings(@DefaultValue("1m") Duration maxAge, @DefaultValue("200") int maxReports) {

    public ReportSettings {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("cancerplan.reports.max-age must not be negative, was " + maxAge);
        }
        if (maxReports < 1) {
            throw new IllegalArgumentException("cancerplan.reports.max-reports must be at least 1, was " + maxReports);
        }
    }
}
