package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecondaryIndexTest {

    @TempDir
    Path directory;

    @Test
    void everyKindOfCommandReadsOnlyTheCandidatesOfItsIndexedValue() {
        try (Served served = Served.on(new DurableH2Backend(openStore()))) {
            MongoCollection<Document> plans = served.collection("plans");
            plans.createIndex(new Document("patientNhsNumber", 1).append("createdAt", -1));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                documents.add(new Document("_id", "plan-" + i).append("patientNhsNumber", "nhs-" + (i % 2_000))
                    .append("createdAt", i));
            }
            plans.insertMany(documents);
            SecondaryIndex index = served.index("plans", "patientNhsNumber_1_createdAt_-1");

            assertThat(plans.find(Filters.eq("patientNhsNumber", "nhs-7")).into(new ArrayList<>())).hasSize(10);
            assertThat(plans.countDocuments(Filters.in("patientNhsNumber", "nhs-7", "nhs-8"))).isEqualTo(20);
            assertThat(
                    plans.updateMany(Filters.eq("patientNhsNumber", "nhs-9"), Updates.set("patientNhsNumber", "nhs-10"))
                        .getModifiedCount())
                .isEqualTo(10);
            assertThat(plans.findOneAndUpdate(
                    Filters.and(Filters.eq("patientNhsNumber", "nhs-10"), Filters.eq("createdAt", 9)),
                    Updates.set("done", true)))
                .isNotNull();
            assertThat(plans.deleteMany(Filters.eq("patientNhsNumber", "nhs-10")).getDeletedCount()).isEqualTo(20);

            assertThat(index.queriesServed()).isEqualTo(5);
            assertThat(index.candidatesReturned()).as("10 + 20 + 10 + 1 + 20").isEqualTo(61);
            assertThat(plans.countDocuments(Filters.eq("patientNhsNumber", "nhs-10"))).isZero();
            assertThat(plans.countDocuments()).isEqualTo(19_980);
        }
    }

    @Test
    void aCompoundIndexRefusesParallelArraysAsMongoDbDoes() {
        try (Served served = Served.on(new DurableH2Backend(openStore()))) {
            MongoCollection<Document> events = served.collection("events");
            events.createIndex(new Document("tags", 1).append("readers", 1));
            events.insertOne(new Document("_id", 1).append("tags", List.of("a", "b")).append("readers", "x"));

            assertThatThrownBy(() -> events
                .insertOne(new Document("_id", 2).append("tags", List.of("a")).append("readers", List.of("x", "y"))))
                .isInstanceOfSatisfying(MongoWriteException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(171);
                    assertThat(refused.getMessage()).contains("cannot index parallel arrays");
                });
            assertThatThrownBy(() -> events.updateOne(Filters.eq("_id", 1), Updates.set("readers", List.of("x"))))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        refused -> assertThat(refused.getCode()).isEqualTo(171));

            assertThat(events.find(Filters.eq("readers", "x"))
                .map(document -> document.getInteger("_id"))
                .into(new ArrayList<>())).containsExactly(1);
            assertThat(events.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void anIndexOfAStoreWrittenWithoutThemIsBuiltAtTheNextStart() {
        try (Served stock = Served.on(new H2Backend(openStore()))) {
            MongoCollection<Document> invitations = stock.collection("invitations");
            invitations.createIndex(new Document("patientNhsNumber", 1).append("invitedOn", -1).append("_id", -1));
            for (int i = 0; i < 300; i++) {
                invitations.insertOne(
                        new Document("_id", i).append("patientNhsNumber", "nhs-" + (i % 30)).append("invitedOn", i));
            }
        }

        try (Served served = Served.on(new DurableH2Backend(openStore()))) {
            SecondaryIndex index = served.index("invitations", "patientNhsNumber_1_invitedOn_-1__id_-1");
            assertThat(index.getCount()).isEqualTo(300);
            assertThat(served.collection("invitations")
                .find(Filters.eq("patientNhsNumber", "nhs-3"))
                .map(document -> document.getInteger("_id"))
                .into(new ArrayList<>())).containsExactlyInAnyOrder(3, 33, 63, 93, 123, 153, 183, 213, 243, 273);
            assertThat(index.queriesServed()).isEqualTo(1);
        }
    }

    @Test
    void aDroppedIndexLeavesNoMapAndQueriesAreAnsweredByScanning() {
        try (Served served = Served.on(new DurableH2Backend(openStore()))) {
            MongoCollection<Document> events = served.collection("events");
            events.createIndex(new Document("correlationId", 1));
            events.insertMany(List.of(new Document("correlationId", "a"), new Document("correlationId", "b")));
            SecondaryIndex index = served.index("events", "correlationId_1");
            assertThat(served.mapNames()).contains("test.events._ordered_correlationId_1");

            events.dropIndex("correlationId_1");

            assertThat(served.mapNames()).doesNotContain("test.events._ordered_correlationId_1");
            assertThat(events.countDocuments(Filters.eq("correlationId", "a"))).isEqualTo(1);
            assertThat(index.queriesServed()).isZero();

            events.createIndex(new Document("correlationId", 1));
            events.drop();
            assertThat(served.mapNames()).noneMatch(name -> name.startsWith("test.events."));
        }
    }

    private MVStore openStore() {
        return DurableH2Backend
            .committingOnlyWhenTold(new MVStore.Builder().fileName(directory.resolve("store.mv.db").toString()))
            .open();
    }

    /** A backend served on a loopback port, with a driver connected to it. */
    private record Served(H2Backend backend, MongoServer server, MongoClient client) implements AutoCloseable {

        static Served on(H2Backend backend) {
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            return new Served(backend, server,
                    MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()));
        }

        MongoCollection<Document> collection(String name) {
            return client.getDatabase("test").getCollection(name);
        }

        SecondaryIndex index(String collection, String name) {
            return (SecondaryIndex) backend.resolveDatabase("test")
                .resolveCollection(collection, true)
                .getIndexes()
                .stream()
                .filter(index -> index.getName().equals(name))
                .findFirst()
                .orElseThrow();
        }

        List<String> mapNames() {
            return List.copyOf(backend.getMvStore().getMapNames());
        }

        @Override
        public void close() {
            client.close();
            server.shutdown();
        }
    }

}
