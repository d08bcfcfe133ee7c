package org.cancerplan.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-caller budgets of query cost ({@code cancerplan.rate-limit.*}), kept per instance: behind a load balancer with
 * N instances a caller can spend up to N budgets.
 *
 * @param enabled off only for controlled environments (benchmarks, load tests)
 * @param capacity the most points a caller can spend at once
 * @param restorePerSecond points given back each second
 */
@ConfigurationProperties("cancerplan.rate-limit")
public record RateLimitSettings(Boolean enabled, Integer capacity, Integer restorePerSecond) {

    public RateLimitSettings {
        enabled = enabled == null || enabled;
        capacity = capacity != null ? capacity : 2_000;
        restorePerSecond = restorePerSecond != null ? restorePerSecond : 100;
        if (capacity < 1 || restorePerSecond < 1) {
            throw new IllegalArgumentException("cancerplan.rate-limit.capacity and restore-per-second must be positive");
        }
    }
}
