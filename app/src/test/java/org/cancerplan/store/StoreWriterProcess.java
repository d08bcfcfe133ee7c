package org.cancerplan.store;

import java.nio.file.Path;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * Run in a child JVM by {@link EmbeddedStoreDurabilityTest} and
 * {@link SecondaryIndexDurabilityTest}: opens the store in the given directory, writes
 * through the MongoDB driver, says so, and waits to be killed. With the id {@code stream}
 * it writes without end instead, through indexed fields (inserts, updates of indexed
 * values, deletes), saying "WRITTEN" after each write. The third argument is the store's
 * durability setting.
 */
public final class StoreWriterProcess {

    static final String STREAM = "stream";

    public static void main(String[] args) throws InterruptedException {
        EmbeddedStore store = EmbeddedStore.open(Path.of(args[0]), StoreDurability.valueOf(args[2]));
        try (MongoClient client = MongoClients.create(store.connectionString("cancerplan"))) {
            MongoCollection<Document> things = client.getDatabase("cancerplan").getCollection("things");
            if (args[1].equals(STREAM)) {
                writeWithoutEnd(things);
            }
            things.insertOne(new Document("_id", args[1]));
            System.out.println("WRITTEN");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static void writeWithoutEnd(MongoCollection<Document> things) {
        things.createIndex(new Document("patientNhsNumber", 1).append("at", -1));
        things.createIndex(new Document("tags", 1));
        for (int i = 0;; i++) {
            things.insertOne(new Document("_id", i).append("patientNhsNumber", "nhs-" + (i % 37))
                .append("at", i)
                .append("tags", List.of("t" + (i % 5), "t" + (i % 7))));
            if (i % 3 == 0) {
                things.updateOne(Filters.eq("_id", i / 2), Updates.combine(
                        Updates.set("patientNhsNumber", "moved-" + (i % 11)), Updates.push("tags", "u" + (i % 13))));
            }
            if (i % 5 == 0) {
                things.deleteOne(Filters.eq("_id", i / 3));
            }
            System.out.println("WRITTEN " + i);
            System.out.flush();
        }
    }

}
