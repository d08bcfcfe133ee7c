package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCompactionTest {

    private static final int UPDATES = 3_000;

    private static final int SCATTERED_BATCHES = 400;

    private static final int SCATTERED_BATCH_SIZE = 75;

    private static final int SMALL_ROUND = 64 << 10;

    private static final int LARGE_BATCHES = 60;

    private static final int LARGE_BATCH_SIZE = 1_000;

    private static final int FILE_PER_DATA = 4;

    @TempDir
    Path directory;

    /**
     * Each commit writes a new chunk; uncompacted, these updates alone would leave a file
     * of about 20 MB.
     */
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

    /**
     * Inserts whose index entries land all over their B-trees, and updates of documents
     * written long before, in many commits: each commit leaves live pages in most older
     * chunks, so without compaction nearly every chunk stays in the file (seven times the
     * data here, and growing with every commit). A copy of the same documents and indexes
     * into a fresh store is the measure of the data.
     */
    @Test
    void scatteredWritesKeepTheFileWithinAFewTimesItsLiveData(@TempDir Path copyDirectory) {
        Random random = new Random(17);
        long now = System.currentTimeMillis();
        try (EmbeddedStore store = EmbeddedStore.open(directory, StoreDurability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            events.createIndex(Indexes.ascending("key"));
            events.createIndex(Indexes.compoundIndex(Indexes.ascending("patient"), Indexes.descending("at")));
            int written = 0;
            for (int batch = 0; batch < SCATTERED_BATCHES; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < SCATTERED_BATCH_SIZE; i++) {
                    documents.add(new Document("_id", written++).append("key", UUID.randomUUID().toString())
                        .append("patient", random.nextInt(10_000))
                        .append("at", new Date(now - random.nextInt(365 * 86_400) * 1_000L))
                        .append("text", "x".repeat(100)));
                }
                events.insertMany(documents);
                for (int update = 0; update < 2; update++) {
                    events.updateOne(Filters.eq("_id", random.nextInt(written)), Updates.set("seen", batch));
                }
            }
            long file = fileSize(store);

            try (EmbeddedStore fresh = EmbeddedStore.open(copyDirectory, StoreDurability.PROCESS);
                    MongoClient copyClient = MongoClients.create(fresh.connectionString("test"))) {
                var copied = StoreCopy.replace(client.getDatabase("test"), copyClient.getDatabase("test"), p -> {
                });
                long data = fileSize(fresh);

                assertThat(copied).as("every document read back from the compacted file")
                    .containsEntry("events", (long) written);
                assertThat(file)
                    .as("file after %d inserts in %d commits, against a fresh copy of %d bytes", written,
                            SCATTERED_BATCHES, data)
                    .isLessThan(FILE_PER_DATA * data);
            }
        }
    }

    /**
     * Commits as large as the audit events' bulk inserts: each writes one chunk of
     * several rounds' bytes, nearly all of it index pages that later commits replace one
     * by one, so the chunk keeps more live bytes than a round long after most of it is
     * dead. Such chunks are rewritten too, emptiest first, one at a time if need be.
     * Shown at a small scale, rounds of {@value #SMALL_ROUND} bytes against commits of
     * about 1 MB, as a store of a million audit events does with rounds of 4 MB and
     * commits of up to 30 MB (it settled at 30 % live while the rounds took only chunks
     * with fewer live bytes than themselves; at this scale the file then grew to eight
     * times its data).
     */
    @Test
    void commitsLargerThanARoundOfRewritingKeepTheFileWithinAFewTimesItsLiveData(@TempDir Path copyDirectory) {
        Random random = new Random(29);
        Path path = directory.resolve(EmbeddedStore.FILE_NAME);
        CountingFileStore file = new CountingFileStore(SMALL_ROUND);
        file.openFile(path);
        try (EmbeddedStore store = EmbeddedStore.serve(new MVStore.Builder().adoptFileStore(file),
                StoreDurability.PROCESS, path);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            events.createIndex(Indexes.ascending("key"));
            events.createIndex(Indexes.ascending("other"));
            int written = 0;
            for (int batch = 0; batch < LARGE_BATCHES; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < LARGE_BATCH_SIZE; i++) {
                    documents.add(new Document("_id", written++).append("key", random.nextLong())
                        .append("other", random.nextLong()));
                }
                events.insertMany(documents);
            }
            long fileSize = fileSize(store);

            try (EmbeddedStore fresh = EmbeddedStore.open(copyDirectory, StoreDurability.PROCESS);
                    MongoClient copyClient = MongoClients.create(fresh.connectionString("test"))) {
                var copied = StoreCopy.replace(client.getDatabase("test"), copyClient.getDatabase("test"), p -> {
                });
                long data = fileSize(fresh);

                assertThat(copied).containsEntry("events", (long) written);
                assertThat(fileSize)
                    .as("file after %d inserts in commits of %d, against a fresh copy of %d bytes", written,
                            LARGE_BATCH_SIZE, data)
                    .isLessThan(FILE_PER_DATA * data);
            }
        }
    }

    /**
     * A rewrite holds the pages it rewrites in the heap until its commit, at several
     * times their bytes in the file, so it goes in rounds no larger than
     * {@link FileCompaction#LARGEST_REWRITE}, each its own commit: with 10 MB of live
     * documents and scattered updates owing far more, no chunk written is much larger
     * than that (one rewrite of 32 MB at once took more than the service's 256 MB heap).
     */
    @Test
    void compactionRewritesInRoundsThatEachHoldLittleOfTheHeap() {
        WatchedFileStore file = new WatchedFileStore(directory.resolve(EmbeddedStore.FILE_NAME), "events");
        Random random = new Random(23);
        int documents = 10_000;
        try (EmbeddedStore store = EmbeddedStore.serve(file.builder(), StoreDurability.PROCESS, file.path());
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> events = client.getDatabase("test").getCollection("events");
            for (int batch = 0; batch < documents / 500; batch++) {
                List<Document> inserted = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    inserted.add(new Document("_id", batch * 500 + i).append("text", "x".repeat(1_000)));
                }
                events.insertMany(inserted);
            }
            for (int command = 0; command < 48; command++) {
                List<Integer> ids = random.ints(400, 0, documents).boxed().toList();
                events.updateMany(Filters.in("_id", ids), Updates.set("seen", command));
            }

            assertThat(events.countDocuments(Filters.exists("seen"))).as("documents updated").isPositive();
            assertThat(file.largestChunkWritten()).as("largest chunk written, bytes")
                .isLessThan(FileCompaction.LARGEST_REWRITE * 3L / 2);
        }
    }

    private static long fileSize(EmbeddedStore store) {
        return store.backend().getMvStore().getFileStore().size();
    }

}
