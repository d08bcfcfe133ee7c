package org.cancerplan.messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges an alert watches, read from the store when scraped: the age of the oldest
 * message not yet sent (0 when none waits; a message waits up to
 * {@link MessageSettings#combineWithin()} for the changes told with it, so alert well
 * beyond that), and whether support paused the relay. The counters are where the work is
 * done: {@code cancerplan.messages.created} and {@code .suppressed} by kind,
 * {@code cancerplan.notify.relayed} by kind and outcome,
 * {@code cancerplan.notify.deliveries} by kind, channel and status,
 * {@code cancerplan.notify.callbacks} by type and outcome.
 */
@Component
class MessageMetrics {

    MessageMetrics(MeterRegistry meters, Notifications notifications, MongoTemplate mongo, Clock clock) {
        Gauge.builder("cancerplan.messages.oldest.unsent.age", () -> {
            Instant oldest = notifications.oldestUnsent();
            return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toSeconds();
        }).description("Age of the oldest message not yet sent").baseUnit("seconds").register(meters);
        Gauge.builder("cancerplan.notify.relay.paused", () -> {
            Document control = mongo.findById("relay", Document.class, NotifyRelay.CONTROL);
            return control != null && Boolean.TRUE.equals(control.getBoolean("paused")) ? 1 : 0;
        }).description("1 while support has paused the relay (notify pause)").register(meters);
    }

}
