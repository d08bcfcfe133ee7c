package org.cancerplan.graphql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.cancerplan.security.Caller;
import org.springframework.stereotype.Component;

/**
 * A token bucket of cost points per caller (Bucket4j), like Shopify's calculated query
 * cost: each request spends its {@link OperationShape#cost()}; points come back at a
 * steady rate. Idle callers' buckets are dropped once full again.
 */
@Component
class RateLimits {

    private final RateLimitSettings settings;

    private final Cache<String, Bucket> buckets;

    RateLimits(RateLimitSettings settings) {
        this.settings = settings;
        long refillSeconds = settings.capacity() / settings.restorePerSecond() + 1;
        this.buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofSeconds(refillSeconds))
            .maximumSize(1_000_000)
            .build();
    }

    /** Spends the cost from the caller's budget, if it is there. */
    Spending spend(Caller caller, int cost) {
        if (!settings.enabled() || caller == null) {
            return new Spending(true, cost, settings.capacity(), settings.capacity(), settings.restorePerSecond(), 0);
        }
        Bucket bucket = buckets.get(caller.kind() + ":" + caller.subject(), key -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
        long waitSeconds = probe.isConsumed() ? 0
                : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Spending(probe.isConsumed(), cost, settings.capacity(), probe.getRemainingTokens(),
                settings.restorePerSecond(), waitSeconds);
    }

    private Bucket newBucket() {
        return Bucket.builder()
            .addLimit(limit -> limit.capacity(settings.capacity())
                .refillGreedy(settings.restorePerSecond(), Duration.ofSeconds(1)))
            .build();
    }

    /**
     * The outcome of one request's spending, reported to the client in
     * {@code extensions.cost}.
     *
     * @param allowed whether the request may run
     * @param requested the request's cost
     * @param maximumAvailable the bucket's capacity
     * @param currentlyAvailable points left after this request
     * @param restoreRate points given back per second
     * @param retryAfterSeconds when refused, how long until the cost is available
     */
    record Spending(boolean allowed, int requested, long maximumAvailable, long currentlyAvailable, int restoreRate,
            long retryAfterSeconds) {

        Map<String, Object> asExtension() {
            Map<String, Object> throttle = new LinkedHashMap<>();
            throttle.put("maximumAvailable", maximumAvailable);
            throttle.put("currentlyAvailable", currentlyAvailable);
            throttle.put("restoreRate", restoreRate);
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("requestedQueryCost", requested);
            cost.put("throttleStatus", throttle);
            return cost;
        }
    }

}
