package org.cancerplan.store;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written as the releases before this one wrote it (the stock backend's maps:
 * documents, ids and unique index entries Java-serialized) opens without a migration step
 * and answers as before, through more writes and restarts.
 */
class StockStoreUpgradeTest {

    private static final int PATIENTS = 500;

    @TempDir
    Path directory;

    @Test
    void aStockStoreReadsEqualKeepsItsUniqueIndexesAndTakesMoreWrites() {
        List<BsonDocument> written = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            written.add(patient(i));
        }
        String duplicateOnInsert;
        String duplicateOnUpdate;
        try (ServedStore stock = ServedStore.on(new H2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> patients = stock.collection("patients");
            patients.createIndex(new BsonDocument("nhsNumber", new BsonInt32(1)), new IndexOptions().unique(true));
            patients.createIndex(new BsonDocument("email", new BsonInt32(1)),
                    new IndexOptions().unique(true).sparse(true));
            patients.insertMany(written);
            duplicateOnInsert = duplicateKeyMessage(patients, p -> p.insertOne(anotherWithTheNhsNumberOf(7)));
            duplicateOnUpdate = duplicateKeyMessage(patients,
                    p -> p.updateOne(eq("nhsNumber", "nhs-7"), Updates.set("nhsNumber", "nhs-8")));
        }
        assertThat(duplicateOnInsert).isEqualTo(
                "E11000 duplicate key error collection: test.patients index: nhsNumber_1 dup key: { nhsNumber: \"nhs-7\" }");

        List<BsonDocument> afterMoreWrites;
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> patients = served.collection("patients");
            assertThat(patients.find().into(new ArrayList<>())).isEqualTo(written);
            assertThat(served.backend().getMvStore().getMapNames())
                .contains("test.patients._unique__id_", "test.patients._unique_nhsNumber_1",
                        "test.patients._unique_email_1")
                .noneMatch(name -> name.startsWith("test.patients._index_"));
            assertThat(served.index("patients", "nhsNumber_1")).isInstanceOf(UniqueIndex.class)
                .extracting(index -> index.getCount())
                .isEqualTo((long) PATIENTS);
            assertThat(served.index("patients", "email_1").getCount()).isEqualTo(PATIENTS / 3 + 1);

            assertThat(patients.find(eq("nhsNumber", "nhs-7")).into(new ArrayList<>())).containsExactly(written.get(7));
            assertThat(patients.countDocuments(in("nhsNumber", "nhs-7", "nhs-8", "nhs-none"))).isEqualTo(2);
            assertThat(duplicateKeyMessage(patients, p -> p.insertOne(anotherWithTheNhsNumberOf(7))))
                .isEqualTo(duplicateOnInsert);
            assertThat(duplicateKeyMessage(patients,
                    p -> p.updateOne(eq("nhsNumber", "nhs-7"), Updates.set("nhsNumber", "nhs-8"))))
                .isEqualTo(duplicateOnUpdate);
            assertThat(duplicateKeyMessage(patients,
                    p -> p.insertOne(new BsonDocument("nhsNumber", new BsonString("nhs-new")).append("email",
                            new BsonString("p3@example.org")))))
                .contains("index: email_1 dup key");

            patients.updateOne(eq("nhsNumber", "nhs-7"), Updates.set("nhsNumber", "nhs-7b"));
            patients.deleteOne(eq("nhsNumber", "nhs-9"));
            patients.insertOne(new BsonDocument("_id", new BsonObjectId(new ObjectId("660000000000000000000007")))
                .append("nhsNumber", new BsonString("nhs-7")));
            patients.insertOne(patient(9));
            for (int i = PATIENTS; i < PATIENTS + 100; i++) {
                patients.insertOne(patient(i));
            }
            assertThat(patients.find(eq("nhsNumber", "nhs-7b")).first()).isNotNull();
            assertThat(patients.countDocuments()).isEqualTo(PATIENTS + 101);
            afterMoreWrites = patients.find().into(new ArrayList<>());
        }

        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> patients = served.collection("patients");
            assertThat(patients.find().into(new ArrayList<>())).isEqualTo(afterMoreWrites);
            assertThat(served.index("patients", "nhsNumber_1").getCount()).isEqualTo(PATIENTS + 101);
            assertThat(served.index("patients", "_id_").getCount()).isEqualTo(PATIENTS + 101);
            assertThat(patients.find(eq("nhsNumber", "nhs-7")).first().getObjectId("_id").getValue())
                .isEqualTo(new ObjectId("660000000000000000000007"));
            assertThat(patients.find(eq("nhsNumber", "nhs-9")).first()).isEqualTo(patient(9));
            assertThat(patients.find(eq("nhsNumber", "nhs-" + (PATIENTS + 50))).first())
                .isEqualTo(patient(PATIENTS + 50));
            assertThat(duplicateKeyMessage(patients,
                    p -> p.insertOne(new BsonDocument("nhsNumber", new BsonString("nhs-7b")))))
                .contains("index: nhsNumber_1 dup key: { nhsNumber: \"nhs-7b\" }");
        }
    }

    private Path file() {
        return directory.resolve("store.mv.db");
    }

    private static BsonDocument patient(int i) {
        BsonDocument patient = new BsonDocument("_id", new BsonObjectId(new ObjectId(String.format("65%022x", i))))
            .append("nhsNumber", new BsonString("nhs-" + i))
            .append("born", new BsonDateTime(-1_000_000_000_000L + i * 86_400_000L))
            .append("address",
                    new BsonDocument("line", new BsonString(i + " High Street")).append("postcode",
                            new BsonString("LS1 " + (i % 10) + "AB")))
            .append("scores", new BsonArray(List.of(new BsonDouble(i / 4.0), new BsonInt32(i))));
        if (i % 3 == 0) {
            patient.append("email", new BsonString("p" + i + "@example.org"));
        }
        return patient;
    }

    private static BsonDocument anotherWithTheNhsNumberOf(int i) {
        return new BsonDocument("_id", new BsonObjectId(new ObjectId("770000000000000000000000"))).append("nhsNumber",
                new BsonString("nhs-" + i));
    }

    private static String duplicateKeyMessage(MongoCollection<BsonDocument> patients,
            Consumer<MongoCollection<BsonDocument>> write) {
        MongoWriteException refused = catchThrowableOfType(MongoWriteException.class, () -> write.accept(patients));
        assertThat(refused).as("refused as a duplicate").isNotNull();
        assertThat(refused.getCode()).isEqualTo(11000);
        return refused.getError().getMessage();
    }

}
