package org.cancerplan.graphql;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-caller budgets of query cost ({@code cancerplan.rate-limit.*}), kept per instance:
 * behind a load balancer with N instances a caller can spend up to N budgets.
 *
 * @param enabled off only for controlled environments (benchmarks, load tests)
 * @param capacity the most points a caller can spend at once
 * @param restorePerSecond points given back each second
 */
@Validated
@ConfigurationProperties("cancerplan.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("2000") @Positive int capacity,
        @DefaultValue("100") @Positive int restorePerSecond) {
}
