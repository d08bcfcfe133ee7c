package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes committed together, acknowledged only once their commit is in the file, or
 * forced with fsync.
 */
class GroupCommitTest {

    private static final int WRITERS = 32;

    private static final int WRITES_EACH = 25;

    @TempDir
    Path directory;

    @Test
    void withFsyncNoWriteIsAcknowledgedBeforeTheForceThatCoversIt() throws Exception {
        WatchedFileStore file = new WatchedFileStore(directory.resolve(EmbeddedStore.FILE_NAME), "things");
        List<String> acknowledgedUnforced = Collections.synchronizedList(new ArrayList<>());
        int forcesBefore;
        try (EmbeddedStore store = EmbeddedStore.serve(file.builder(), StoreDurability.FSYNC, file.path());
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", "first"));
            forcesBefore = file.forces();
            writeConcurrently(id -> {
                things.insertOne(new Document("_id", id));
                if (!file.forced(id)) {
                    acknowledgedUnforced.add(id);
                }
            });
            assertThat(file.forces() - forcesBefore).as("forces, one per group of writes")
                .isPositive()
                .isLessThan(WRITERS * WRITES_EACH);
        }
        assertThat(acknowledgedUnforced).as("writes acknowledged before a force covered them").isEmpty();
    }

    @Test
    void concurrentWritersShareCommitsAndEachIsInTheFileWhenAcknowledged() throws Exception {
        WatchedFileStore file = new WatchedFileStore(directory.resolve(EmbeddedStore.FILE_NAME), "things");
        List<String> acknowledgedOutsideTheFile = Collections.synchronizedList(new ArrayList<>());
        try (EmbeddedStore store = EmbeddedStore.serve(file.builder(), StoreDurability.PROCESS, file.path());
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", "first"));
            int chunksBefore = file.chunkWrites();
            writeConcurrently(id -> {
                things.insertOne(new Document("_id", id));
                if (!file.inTheFile(id)) {
                    acknowledgedOutsideTheFile.add(id);
                }
            });
            // how many share a commit depends on the scheduling of the writers; fewer
            // commits than writes shows sharing
            assertThat(file.chunkWrites() - chunksBefore).as("commits for %d writes", WRITERS * WRITES_EACH)
                .isLessThan(WRITERS * WRITES_EACH);
        }
        assertThat(acknowledgedOutsideTheFile).as("writes acknowledged before their commit was written").isEmpty();

        try (EmbeddedStore store = EmbeddedStore.open(directory, StoreDurability.PROCESS);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            assertThat(things(client).countDocuments()).isEqualTo(1 + WRITERS * WRITES_EACH);
        }
    }

    @Test
    void aReadIsAnsweredWhileAWriteWaitsForTheForceOfItsCommit() throws Exception {
        WatchedFileStore file = new WatchedFileStore(directory.resolve(EmbeddedStore.FILE_NAME), "things");
        // a thread each: the common pool may have a single worker, which the waiting
        // write would keep (Java 25)
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (EmbeddedStore store = EmbeddedStore.serve(file.builder(), StoreDurability.FSYNC, file.path());
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", "first").append("value", 1));
            file.holdForces();
            CompletableFuture<Void> write = CompletableFuture
                .runAsync(() -> things.insertOne(new Document("_id", "second")), clients);
            try {
                assertThat(file.awaitHeldForce()).as("the write's commit is being forced").isTrue();
                CompletableFuture<Document> read = CompletableFuture
                    .supplyAsync(() -> things.find(Filters.eq("_id", "first")).first(), clients);

                assertThat(read.get(20, TimeUnit.SECONDS)).containsEntry("value", 1);
                assertThat(write).as("the write, still waiting for its force").isNotDone();
            }
            finally {
                file.releaseForces();
            }
            write.get(20, TimeUnit.SECONDS);
        }
        finally {
            clients.shutdownNow();
        }
    }

    /**
     * Commands that change more than H2's write buffer (about 19 MB of its estimate; H2
     * commits by itself beyond it, inside the command, unless told not to) are each in
     * the file all at once or not at all: no chunk holds part of one.
     */
    @Test
    void commandsLargerThanH2sWriteBufferAreEachCommittedWhole() {
        WatchedFileStore file = new WatchedFileStore(directory.resolve(EmbeddedStore.FILE_NAME), "things");
        int commands = 4;
        int each = 380; // 15 MB, under the 16 MB message the store accepts: one command
                        // each
        try (EmbeddedStore store = EmbeddedStore.serve(file.builder(), StoreDurability.PROCESS, file.path());
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> things = things(client);
            things.insertOne(new Document("_id", "first"));
            int chunksBefore = file.documentsAtChunkWrites().size();
            for (int command = 0; command < commands; command++) {
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    batch.add(new Document("_id", command + "-" + i).append("text", "x".repeat(40_000)));
                }
                things.insertMany(batch);
            }

            List<Integer> written = file.documentsAtChunkWrites();
            assertThat(written.subList(chunksBefore, written.size())).as("documents in the file at each chunk write")
                .isNotEmpty()
                .allSatisfy(documents -> assertThat((documents - 1) % each).isZero());
        }
    }

    private static MongoCollection<Document> things(MongoClient client) {
        return client.getDatabase("test").getCollection("things");
    }

    /**
     * WRITERS threads, each writing WRITES_EACH times, all at once; fails with the first
     * writer that failed.
     */
    private static void writeConcurrently(WriteById write) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    start.await();
                    for (int i = 0; i < WRITES_EACH; i++) {
                        write.write(writer + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            writers.shutdownNow();
        }
    }

    private interface WriteById {

        void write(String id);

    }

}
