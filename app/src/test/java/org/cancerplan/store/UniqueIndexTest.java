package org.cancerplan.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
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

}
