package org.cancerplan.plan;

import java.util.List;

import org.bson.Document;
import org.cancerplan.store.StoreMigration;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Plans stored before sharding kept {@code openPlanOf} (the NHS number while open, with a
 * unique sparse index of its own, which a sharded cluster refuses); they get
 * {@code openSlot} instead, and the old index goes. The old index is dropped last, so
 * while it exists there may be plans to convert, and once it is gone there are none: a
 * store that never had it is not scanned at start-up.
 */
@Component
class OpenSlotMigration implements StoreMigration {

    static final String COLLECTION = "cancerPlans";
    static final String OLD_INDEX = "openPlanOf";

    @Override
    public void migrate(MongoTemplate mongo) {
        if (!StoreMigration.hasIndex(mongo, COLLECTION, OLD_INDEX)) {
            return;
        }
        Query older = Query.query(Criteria.where("openSlot").exists(false));
        older.fields().include("_id", "openPlanOf");
        List<Document> plans = mongo.find(older, Document.class, COLLECTION);
        if (!plans.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
            for (Document plan : plans) {
                String slot = plan.get("openPlanOf") != null ? CancerPlan.OPEN : plan.get("_id").toString();
                bulk.updateOne(Query.query(Criteria.where("_id").is(plan.get("_id"))),
                        new Update().set("openSlot", slot).unset("openPlanOf"));
            }
            bulk.execute();
        }
        mongo.indexOps(COLLECTION).dropIndex(OLD_INDEX);
    }

}
