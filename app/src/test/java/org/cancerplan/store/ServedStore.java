package org.cancerplan.store;

import java.nio.file.Path;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonDocument;
import org.bson.UuidRepresentation;
import org.h2.mvstore.MVStore;

/**
 * A backend on an MVStore file, served on a loopback port, with a driver connected to it;
 * closing closes the file.
 */
record ServedStore(H2Backend backend, MongoServer server, MongoClient client) implements AutoCloseable {

    static MVStore openFile(Path file) {
        return DurableH2Backend.committingOnlyWhenTold(new MVStore.Builder().fileName(file.toString())).open();
    }

    static ServedStore on(H2Backend backend) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        return new ServedStore(backend, server, MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .build()));
    }

    MongoCollection<BsonDocument> collection(String name) {
        return client.getDatabase("test").getCollection(name, BsonDocument.class);
    }

    Index<?> index(String collection, String name) {
        return backend.resolveDatabase("test")
            .resolveCollection(collection, true)
            .getIndexes()
            .stream()
            .filter(index -> index.getName().equals(name))
            .findFirst()
            .orElseThrow();
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
