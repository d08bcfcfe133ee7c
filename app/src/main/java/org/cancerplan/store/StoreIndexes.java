package org.cancerplan.store;

import java.time.Duration;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Indexes of collections that have no mapped document class (entity indexes come from their annotations). */
@Component
class StoreIndexes {

    private final MongoTemplate mongo;

    StoreIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensure() {
        mongo.indexOps(IdempotentMutations.COLLECTION)
                .createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }
}
