package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreDurabilityTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreDurability.class)
    void anAcknowledgedWriteSurvivesKillMinusNine(StoreDurability durability) throws Exception {
        String id = UUID.randomUUID().toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName(), directory.toString(), id, durability.name())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.contains("WRITTEN")) {
                // skip the store's log lines until the write is acknowledged
            }
            assertThat(line).as("the writer process acknowledged its write").isNotNull();
        }
        finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no final
                                      // commit
            assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        try (EmbeddedStore store = EmbeddedStore.open(directory);
                MongoClient client = MongoClients.create(store.connectionString("cancerplan"))) {
            assertThat(client.getDatabase("cancerplan").getCollection("things").countDocuments(new Document("_id", id)))
                .isEqualTo(1);
        }
    }

    @Test
    void dataSurvivesAnOrderlyRestart() {
        try (EmbeddedStore store = EmbeddedStore.open(directory);
                MongoClient client = MongoClients.create(store.connectionString("cancerplan"))) {
            things(client).insertOne(new Document("_id", "kept").append("value", 42));
        }

        try (EmbeddedStore store = EmbeddedStore.open(directory);
                MongoClient client = MongoClients.create(store.connectionString("cancerplan"))) {
            assertThat(things(client).find(new Document("_id", "kept")).first()).containsEntry("value", 42);
        }
    }

    private static MongoCollection<Document> things(MongoClient client) {
        return client.getDatabase("cancerplan").getCollection("things");
    }

}
