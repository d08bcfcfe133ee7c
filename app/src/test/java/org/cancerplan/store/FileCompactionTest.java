package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCompactionTest {

    private static final int UPDATES = 3_000;

    @TempDir
    Path directory;

    /** Each commit writes a new chunk; uncompacted, these updates alone would leave a file of about 20 MB. */
    @Test
    void manyUpdatesOfTheSameFewDocumentsKeepTheFileWithinASmallMultipleOfItsData() {
        try (EmbeddedStore store = EmbeddedStore.open(directory, StoreDurability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            for (int id = 0; id < 3; id++) {
                things.insertOne(new Document("_id", id).append("version", 0).append("text", "x".repeat(1_000)));
            }
            for (int i = 1; i <= UPDATES; i++) {
                things.updateOne(Filters.eq("_id", i % 3), Updates.set("version", i));
            }

            assertThat(things.find(Filters.eq("_id", 0)).first()).containsEntry("version", UPDATES);
            assertThat(fileSize(store)).as("file size in bytes after %d updates", UPDATES)
                    .isLessThan(3 * FileCompaction.SMALLEST_FILE_COMPACTED);
        }
    }

    private static long fileSize(EmbeddedStore store) {
        return store.backend().getMvStore().getFileStore().size();
    }
}
