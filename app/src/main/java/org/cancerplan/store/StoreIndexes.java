package org.cancerplan.store;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the service takes traffic: runs the {@link StoreMigration}s, then
 * ensures every document class's indexes (from their annotations) and those of
 * collections without a class. Creating an index that exists costs nothing; one that
 * cannot be built (say, a unique index over duplicates) stops the start. An index stored
 * under a declared name with other keys (the declaration changed) is dropped and built
 * with the declared keys, as MongoDB refuses to create an index whose name exists with
 * other keys.
 */
@Component
class StoreIndexes {

    private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

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
                List<IndexInfo> stored = indexes.getIndexInfo();
                for (IndexDefinition index : resolver.resolveIndexFor(entity.getTypeInformation())) {
                    dropIfStoredWithOtherKeys(entity.getCollection(), indexes, stored, index);
                    indexes.createIndex(index);
                }
            }
        }
        mongo.indexOps(IdempotentMutations.COLLECTION)
            .createIndex(new Index().on("expireAt", Sort.Direction.ASC).expire(Duration.ZERO));
    }

    private static void dropIfStoredWithOtherKeys(String collection, IndexOperations indexes, List<IndexInfo> stored,
            IndexDefinition declared) {
        String name = declared.getIndexOptions().getString("name");
        List<IndexField> keys = IndexInfo.indexInfoOf(declared.getIndexOptions().append("key", declared.getIndexKeys()))
            .getIndexFields();
        stored.stream()
            .filter(index -> index.getName().equals(name) && !index.getIndexFields().equals(keys))
            .findFirst()
            .ifPresent(older -> {
                log.info("Index {}.{} is stored with other keys; building it with {}", collection, name,
                        declared.getIndexKeys().toJson());
                indexes.dropIndex(name);
            });
    }

}
