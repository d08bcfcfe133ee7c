package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.MongoCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * Start-up builds anew an index stored under a declared name with other keys (MongoDB
 * refuses to create an index whose name exists with other keys), and leaves an index of
 * the declared keys alone. Each test has a database of its own on the service's store.
 */
class StoreIndexesTest extends ApiTest {

    /**
     * The keys of the access log's and the invitations' indexes: newest first, ties by id
     * ascending.
     */
    private static final String ACCESS_LOG = "{\"patientNhsNumber\": 1, \"at\": -1, \"_id\": 1}";

    private static final String INVITATIONS = "{\"patientNhsNumber\": 1, \"invitedOn\": -1, \"_id\": 1}";

    @Autowired
    MongoClient client;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoCommands commands;

    private MongoTemplate store;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        store = new MongoTemplate(new SimpleMongoClientDatabaseFactory(client, "indexes-" + UUID.randomUUID()),
                mongo.getConverter());
    }

    @AfterEach
    void dropTheDatabase() {
        store.getDb().drop();
    }

    @Test
    void theNewestFirstIndexesStoredEndingInIdDescendingAreBuiltEndingInIdAscending() {
        store.getCollection("auditEvents")
            .createIndex(new Document("patientNhsNumber", 1).append("at", -1).append("_id", -1),
                    new IndexOptions().name("patient_time"));
        store.getCollection("screeningInvitations")
            .createIndex(new Document("patientNhsNumber", 1).append("invitedOn", -1).append("_id", -1),
                    new IndexOptions().name("patient_invited"));

        new StoreIndexes(store, List.of()).ensure();

        assertThat(keysOf("auditEvents", "patient_time")).isEqualTo(ACCESS_LOG);
        assertThat(keysOf("screeningInvitations", "patient_invited")).isEqualTo(INVITATIONS);
    }

    @Test
    void anIndexOfTheDeclaredKeysIsLeftAsItIs() {
        new StoreIndexes(store, List.of()).ensure();
        commands.reset();

        new StoreIndexes(store, List.of()).ensure();

        assertThat(commands.sent()).noneMatch(command -> command.startsWith("dropIndexes"));
        assertThat(keysOf("auditEvents", "patient_time")).isEqualTo(ACCESS_LOG);
    }

    /** The index's keys in their order, as JSON. */
    private String keysOf(String collection, String index) {
        return store.getCollection(collection)
            .listIndexes()
            .into(new ArrayList<>())
            .stream()
            .filter(stored -> stored.getString("name").equals(index))
            .findFirst()
            .map(stored -> stored.get("key", Document.class).toJson())
            .orElse(null);
    }

}
