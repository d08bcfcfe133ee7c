package org.cancerplan.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The store's health ({@code mongo} in the health groups): a {@code ping}, which MongoDB and the embedded store both
 * answer (Boot's own indicator sends {@code hello}, which the embedded store does not know).
 */
@Component("mongoHealthIndicator")
class StoreHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    StoreHealth(MongoTemplate mongo) {
        super("The store did not answer a ping");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
    }
}
