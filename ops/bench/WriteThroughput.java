import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * Write throughput of the embedded store: WRITERS threads (32), each through the raw driver, inserting a document and
 * updating one of its earlier ones in turn, against an EmbeddedStore opened in this process on a fresh directory.
 * Prints writes per second after a warm-up. DURABILITY (fsync | process) is passed to EmbeddedStore.open when the
 * build has the setting; "-" opens the store as a build without it does. Found by reflection, so that the same helper
 * runs against the builds before and after group commit.
 * Usage: java -cp 'app/target/extracted/cancerplan.jar:app/target/extracted/lib/*' WriteThroughput.java
 *        DURABILITY WARMUP_SECONDS SECONDS [WRITERS]
 */
public class WriteThroughput {

    public static void main(String[] args) throws Exception {
        String durability = args[0];
        long warmupMillis = Long.parseLong(args[1]) * 1000;
        long measureMillis = Long.parseLong(args[2]) * 1000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Path directory = Files.createTempDirectory("write-throughput");
        try (AutoCloseable store = open(directory, durability);
                MongoClient client = client(store)) {
            MongoCollection<Document> things = client.getDatabase("bench").getCollection("things");
            things.createIndex(Indexes.compoundIndex(Indexes.ascending("patientNhsNumber"),
                    Indexes.descending("createdAt")));
            LongAdder writes = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(writers);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            String id = writer + "-" + i;
                            if (i % 2 == 0) {
                                things.insertOne(new Document("_id", id)
                                        .append("patientNhsNumber", String.valueOf(9_000_000_000L + writer * 1000 + i))
                                        .append("createdAt", i).append("status", "INVITED")
                                        .append("notes", "x".repeat(200)));
                            } else {
                                things.updateOne(Filters.eq("_id", writer + "-" + (i - 1)),
                                        Updates.set("status", "RESPONDED"));
                            }
                            writes.increment();
                        }
                    } finally {
                        done.countDown();
                    }
                });
                thread.start();
            }
            Thread.sleep(warmupMillis);
            long before = writes.sum();
            long start = System.nanoTime();
            Thread.sleep(measureMillis);
            long counted = writes.sum() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            done.await();
            System.out.printf("writes/s %.0f%n", counted / seconds);
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static AutoCloseable open(Path directory, String durability) throws Exception {
        Class<?> embeddedStore = Class.forName("org.cancerplan.store.EmbeddedStore");
        if (durability.equals("-")) {
            return (AutoCloseable) embeddedStore.getMethod("open", Path.class).invoke(null, directory);
        }
        for (Method open : embeddedStore.getMethods()) {
            Class<?>[] parameters = open.getParameterTypes();
            if (open.getName().equals("open") && parameters.length == 2 && parameters[1].isEnum()) {
                Object setting = Enum.valueOf(parameters[1].asSubclass(Enum.class), durability.toUpperCase());
                return (AutoCloseable) open.invoke(null, directory, setting);
            }
        }
        throw new IllegalStateException("This build has no durability setting: open it with \"-\"");
    }

    /** The build before the protected channel gives a plain string; later builds a ConnectionString with credentials. */
    private static MongoClient client(AutoCloseable store) throws ReflectiveOperationException {
        Object uri = store.getClass().getMethod("connectionString", String.class).invoke(store, "bench");
        return uri instanceof ConnectionString connection ? MongoClients.create(connection)
                : MongoClients.create((String) uri);
    }
}
