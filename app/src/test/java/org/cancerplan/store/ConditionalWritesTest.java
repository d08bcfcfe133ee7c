package org.cancerplan.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional writes at once from several clients change each document only while it
 * matches, as MongoDB does: several claimers taking the same documents with one
 * multi-update each (the relay's lease) get disjoint sets that cover them all, and
 * several findOneAndUpdates of one version succeed once.
 */
class ConditionalWritesTest {

    @TempDir
    Path directory;

    @Test
    void concurrentClaimsByMultiUpdateTakeEachDocumentOnce() {
        try (ServedStore served = ServedStore
            .on(new DurableH2Backend(ServedStore.openFile(directory.resolve("s.mv.db"))))) {
            MongoCollection<BsonDocument> messages = served.collection("messages");
            List<BsonValue> ids = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ids.add(new BsonString("m-" + i));
                messages.insertOne(new BsonDocument("_id", ids.get(i)).append("state", new BsonString("PENDING")));
            }
            CyclicBarrier together = new CyclicBarrier(4);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<CompletableFuture<List<String>>> claimers = IntStream.range(0, 4)
                .mapToObj(claimer -> CompletableFuture.supplyAsync(() -> {
                    List<String> taken = new ArrayList<>();
                    for (int round = 0; round < 40; round++) {
                        await(together);
                        String holder = "claimer-" + claimer + "#" + round;
                        List<BsonValue> batch = ids.subList((round * 50) % 2000, (round * 50) % 2000 + 50);
                        messages.updateMany(and(in("_id", batch), eq("state", "PENDING")),
                                Updates.combine(Updates.set("state", "SENDING"), Updates.set("holder", holder)));
                        messages.find(eq("holder", holder))
                            .forEach(document -> taken.add(document.getString("_id").getValue()));
                    }
                    return taken;
                }, threads))
                .toList();

            List<String> all = claimers.stream().flatMap(claimer -> claimer.join().stream()).toList();

            threads.shutdown();
            assertThat(all).doesNotHaveDuplicates().hasSize(2000);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        }
        catch (InterruptedException | BrokenBarrierException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Test
    void concurrentWritesOfOneVersionSucceedOnce() {
        try (ServedStore served = ServedStore
            .on(new DurableH2Backend(ServedStore.openFile(directory.resolve("s.mv.db"))))) {
            MongoCollection<BsonDocument> plans = served.collection("plans");
            for (int i = 0; i < 200; i++) {
                plans.insertOne(
                        new BsonDocument("_id", new BsonString("plan-" + i)).append("version", new BsonInt32(1)));
            }
            List<CompletableFuture<Integer>> writers = IntStream.range(0, 4)
                .mapToObj(writer -> CompletableFuture.supplyAsync(() -> {
                    int won = 0;
                    for (int i = 0; i < 200; i++) {
                        if (plans.findOneAndUpdate(and(eq("_id", "plan-" + i), eq("version", 1)),
                                Updates.set("version", 2)) != null) {
                            won++;
                        }
                    }
                    return won;
                }))
                .toList();

            assertThat(writers.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(200);
        }
    }

}
