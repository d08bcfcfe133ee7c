package org.cancerplan.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.cancerplan.audit.CorrelationId;
import org.slf4j.MDC;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the commands each GraphQL request sends to the store, at the driver, by the
 * request's correlation id (which follows the request onto GraphQL's threads).
 * {@link RequestGuard} logs the count at debug level.
 */
@Component
class StoreCommandCounts implements MongoClientSettingsBuilderCustomizer {

    private final Map<String, AtomicInteger> byCorrelationId = new ConcurrentHashMap<>();

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                String id = MDC.get(CorrelationId.MDC_KEY);
                AtomicInteger count = id != null ? byCorrelationId.get(id) : null;
                if (count != null) {
                    count.incrementAndGet();
                }
            }
        });
    }

    /**
     * Starts counting the current request's commands (none are counted outside a request
     * with an id).
     */
    Count start() {
        Count count = new Count(MDC.get(CorrelationId.MDC_KEY), new AtomicInteger());
        if (count.correlationId() != null) {
            byCorrelationId.put(count.correlationId(), count.commands());
        }
        return count;
    }

    void stop(Count count) {
        if (count.correlationId() != null) {
            byCorrelationId.remove(count.correlationId(), count.commands());
        }
    }

    record Count(String correlationId, AtomicInteger commands) {
        int value() {
            return commands.get();
        }
    }

}
