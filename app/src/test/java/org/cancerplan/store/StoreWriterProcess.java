package org.cancerplan.store;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * Run in a child JVM by {@link EmbeddedStoreDurabilityTest}: opens the store in the given directory, writes one
 * document through the MongoDB driver, says so, and waits to be killed.
 */
public final class StoreWriterProcess {

    public static void main(String[] args) throws InterruptedException {
        EmbeddedStore store = EmbeddedStore.open(Path.of(args[0]));
        try (MongoClient client = MongoClients.create(store.connectionString("cancerplan"))) {
            client.getDatabase("cancerplan").getCollection("things").insertOne(new Document("_id", args[1]));
            System.out.println("WRITTEN");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
