package org.cancerplan.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.backend.Index;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniqueIndexTest {

    @TempDir
    Path directory;

    @Test
    void aQueryForAWholeArrayFindsTheDocumentHoldingItAsTheMatcherDoes() {
        try (ServedStore served = ServedStore
            .on(new DurableH2Backend(ServedStore.openFile(directory.resolve("s.mv.db"))))) {
            MongoCollection<BsonDocument> codes = served.collection("codes");
            codes.createIndex(new BsonDocument("code", new BsonInt32(1)), new IndexOptions().unique(true));
            BsonArray pair = new BsonArray(List.of(new BsonInt32(3), new BsonInt32(4)));
            codes.insertOne(new BsonDocument("_id", new BsonString("pair")).append("code", pair));
            codes.insertOne(new BsonDocument("_id", new BsonString("single")).append("code", new BsonInt32(7)));

            assertThat(codes.find(eq("code", pair))
                .map(document -> document.getString("_id").getValue())
                .into(new ArrayList<>())).containsExactly("pair");
            assertThat(codes.countDocuments(in("code", pair, new BsonInt32(7)))).isEqualTo(2);
            assertThat(codes.countDocuments(eq("code", 4))).as("an element, from the index").isEqualTo(1);
        }
    }

    @Test
    void aSparseIndexLeavesAQueryForNullToTheMatcher() {
        try (ServedStore served = ServedStore
            .on(new DurableH2Backend(ServedStore.openFile(directory.resolve("s.mv.db"))))) {
            MongoCollection<BsonDocument> people = served.collection("people");
            people.createIndex(new BsonDocument("email", new BsonInt32(1)),
                    new IndexOptions().unique(true).sparse(true));
            people.insertOne(new BsonDocument("_id", new BsonString("with")).append("email", new BsonString("a@b")));
            people.insertOne(new BsonDocument("_id", new BsonString("without")));

            assertThat(people.find(in("email", null, "a@b"))
                .map(document -> document.getString("_id").getValue())
                .into(new ArrayList<>())).containsExactlyInAnyOrder("with", "without");
        }
    }

    @Test
    void aConditionalWriteOfOneDocumentIsAnsweredByItsIdNotByAScan() {
        try (ServedStore served = ServedStore
            .on(new DurableH2Backend(ServedStore.openFile(directory.resolve("s.mv.db"))))) {
            MongoCollection<BsonDocument> plans = served.collection("plans");
            for (int i = 0; i < 5; i++) {
                plans.insertOne(
                        new BsonDocument("_id", new BsonString("plan-" + i)).append("version", new BsonInt32(1)));
            }
            Index<?> ids = served.index("plans", "_id_");

            assertThat(ids.canHandle(new de.bwaldvogel.mongo.bson.Document("_id", "plan-1").append("version", 1)))
                .isTrue();
            assertThat(ids.canHandle(new de.bwaldvogel.mongo.bson.Document("_id", "plan-1").append("$or",
                    List.of(new de.bwaldvogel.mongo.bson.Document("version", 1)))))
                .isTrue();
            assertThat(ids.canHandle(
                    new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.Document("$ne", "plan-1"))
                        .append("version", 1)))
                .as("not for a condition other than a value")
                .isFalse();
            assertThat(ids.canHandle(new de.bwaldvogel.mongo.bson.Document("version", 1))).isFalse();
            assertThat(plans
                .updateOne(and(eq("_id", "plan-1"), eq("version", 1)),
                        new BsonDocument("$set", new BsonDocument("version", new BsonInt32(2))))
                .getModifiedCount()).isEqualTo(1);
            assertThat(plans
                .updateOne(and(eq("_id", "plan-1"), eq("version", 1)),
                        new BsonDocument("$set", new BsonDocument("version", new BsonInt32(3))))
                .getModifiedCount()).as("the condition still holds the write back").isZero();
        }
    }

}
