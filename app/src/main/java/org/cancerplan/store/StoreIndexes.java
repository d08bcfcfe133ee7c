package org.cancerplan.store;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the service takes traffic: runs the {@link StoreMigration}s, then ensures every document
 * class's indexes (from their annotations) and those of collections without a class. Creating an index that exists
 * costs nothing; one that cannot be built (say, a unique index over duplicates) stops the start.
 */
@Component
class StoreIndexes {

    private final MongoTemplate mongo;
    private final List<StoreMigration> migrations;

    StoreIndexes(MongoTemplate mongo, List<StoreMigration> migrations) {
        this.mongo = mongo;
        this.migrations = migrations;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensure() {
        migrations.forEach(migration -> migration.migrate(mongo));
        MappingContext<? extends MongoPersistentEntity<?>, MongoPersistentProperty> mapping = mongo.getConverter()
                .getMappingContext();
        MongoPersistentEntityIndexResolver resolver = new MongoPersistentEntityIndexResolver(mapping);
        for (MongoPersistentEntity<?> entity : mapping.getPersistentEntities()) {
            if (entity.isAnnotationPresent(Document.class)) {
                IndexOperations indexes = mongo.indexOps(entity.getType());
                resolver.resolveIndexFor(entity.getTypeInformation()).forEach(indexes::createIndex);
            }
        }
        mongo.indexOps(IdempotentMutations.COLLECTION)
                .createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }
}
