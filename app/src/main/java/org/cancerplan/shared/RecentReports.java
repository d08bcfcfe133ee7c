package org.cancerplan.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Population reports, each computed at most once per {@link ReportSettings#maxAge()} for
 * the same parameters and answered from memory meanwhile; each report says when it was
 * computed. A report is a pass over every invitation or plan of its period, so its cost
 * grows with the population while its answer changes slowly. Requests for a report being
 * computed wait for that computation. Whether the caller may read the report is for the
 * caller to check first, on every request.
 *
 * @param <P> the report's parameters (a record: equal parameters share the report)
 * @param <R> the report
 */
public final class RecentReports<P, R> {

    private final Clock clock;

    private final Cache<P, R> reports;

    public RecentReports(String name, ReportSettings settings, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.reports = settings.maxAge().isZero() ? null
                : CaffeineCacheMetrics.monitor(meters,
                        Caffeine.newBuilder()
                            .expireAfterWrite(settings.maxAge())
                            .maximumSize(settings.maxReports())
                            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                            .recordStats()
                            .<P, R>build(),
                        "reports." + name);
    }

    /**
     * The report for {@code parameters}, computed by {@code computeAt} (given the time of
     * computing) when needed.
     */
    public R get(P parameters, Function<Instant, R> computeAt) {
        if (reports == null) {
            return computeAt.apply(clock.instant());
        }
        return reports.get(parameters, unused -> computeAt.apply(clock.instant()));
    }

}
