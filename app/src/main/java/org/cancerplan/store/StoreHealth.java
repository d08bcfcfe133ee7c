package org.cancerplan.store;

import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's health ({@code mongo} in the health groups): a {@code ping}, which MongoDB
 * and the embedded store both answer (Boot's own indicator sends {@code hello}, which the
 * embedded store does not know). It gives up after
 * {@code cancerplan.store.health-timeout}, so a probe gets its answer in time when the
 * store is unreachable (the driver would otherwise wait 30 s for a server).
 */
@Component("mongoHealthIndicator")
class StoreHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    private final StoreProperties properties;

    StoreHealth(MongoTemplate mongo, StoreProperties properties) {
        super("The store did not answer a ping");
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.getDb()
            .withTimeout(properties.healthTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .runCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
    }

}
