import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Issue 20's figures, in one process and one run: the service (local mode, a fresh embedded store) sending N due
 * messages to a stand-in gateway (a JDK HTTP server answering Create message with 201), against a plain HTTP client
 * posting N such requests to the same stand-in with as many threads as the relay uses (the ceiling the gateway and
 * the machine allow); then the reminder job over N invitations with their messages, against one multi-update of the
 * same N invitations (what touching them costs the store).
 * Usage: java -Xmx2g -cp 'EXTRACTED/cancerplan.jar:EXTRACTED/lib/*' ops/bench/MessageBench.java [N] [CONCURRENCY]
 */
public class MessageBench {

    static final String ROUTING_PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        LongAdder received = new LongAdder();
        HttpServer gateway = standIn(received);
        String gatewayUrl = "http://127.0.0.1:" + gateway.getAddress().getPort();
        int port = freePort();
        ConfigurableApplicationContext service = new SpringApplicationBuilder(
                Class.forName("org.cancerplan.CancerPlanApplication"))
            .run("--spring.profiles.active=local", "--server.port=" + port,
                    "--cancerplan.store.path=" + Files.createTempDirectory("message-bench"),
                    "--cancerplan.notify.base-url=" + gatewayUrl, "--cancerplan.notify.poll-interval=1h",
                    "--cancerplan.notify.concurrency=" + concurrency,
                    "--cancerplan.messages.outbox-sweep-interval=1h", "--cancerplan.screening.job-cron=-",
                    "--logging.level.root=warn", "--logging.level.org.cancerplan=warn");
        try {
            MongoTemplate mongo = service.getBean(MongoTemplate.class);
            Object relay = service.getBean(Class.forName("org.cancerplan.messages.NotifyRelay"));
            Method relayDue = accessible(relay.getClass().getDeclaredMethod("relayDue"));
            relayDue.invoke(relay); // the demo data's messages that are due
            System.err.println("Warming up...");
            seedMessages(mongo, 2_000);
            relayDue.invoke(relay);
            post(gatewayUrl, 2_000, concurrency);

            System.err.println("Seeding " + n + " due messages...");
            seedMessages(mongo, n);
            long start = System.nanoTime();
            int taken = (int) relayDue.invoke(relay);
            double relaySeconds = (System.nanoTime() - start) / 1e9;
            long sent = mongo.count(Query.query(Criteria.where("relay.state").is("SENT")), "messages");
            System.out.printf("relay: %d messages taken, %d sent, in %.1f s: %.0f messages/s%n", taken, sent,
                    relaySeconds, taken / relaySeconds);
            System.err.println("Posting " + n + " requests with a plain client...");
            start = System.nanoTime();
            post(gatewayUrl, n, concurrency);
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("plain client, %d threads: %d requests in %.1f s: %.0f requests/s%n", concurrency, n,
                    rawSeconds, n / rawSeconds);
            System.out.printf("relay / plain client: %.2f%n", (taken / relaySeconds) / (n / rawSeconds));

            System.err.println("Seeding " + n + " invitations due a reminder...");
            seedInvitations(mongo, n);
            Object jobs = service.getBean(Class.forName("org.cancerplan.screening.ScreeningJobs"));
            Method remind = jobs.getClass().getMethod("remind", boolean.class);
            Object outbox = service.getBean(Class.forName("org.cancerplan.messages.MessageOutbox"));
            Method drain = accessible(outbox.getClass().getDeclaredMethod("drain", String.class));
            start = System.nanoTime();
            long reminded = (long) remind.invoke(jobs, false);
            double remindSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("reminder job: %d invitations reminded in %.1f s%n", reminded, remindSeconds);
            System.err.println("Turning their outbox into messages...");
            start = System.nanoTime();
            int recorded = (int) drain.invoke(outbox, "screeningInvitations");
            double drainSeconds = (System.nanoTime() - start) / 1e9;
            long reminders = mongo.count(Query.query(Criteria.where("kind").is("INVITATION_REMINDED")), "messages");
            start = System.nanoTime();
            long touched = mongo
                .updateMulti(Query.query(Criteria.where("externalId").regex("^bench-")),
                        new Update().set("benchTouched", true), "screeningInvitations")
                .getModifiedCount();
            double touchSeconds = (System.nanoTime() - start) / 1e9;

            System.out.printf("their outbox into %d messages (%d parts recorded) in %.1f s: %.0f messages/s%n", reminders,
                    recorded, drainSeconds, recorded / drainSeconds);
            System.out.printf("one multi-update of the same %d invitations: %.1f s%n", touched, touchSeconds);
            System.out.printf("multi-update / (reminder job + outbox): %.2f%n",
                    touchSeconds / (remindSeconds + drainSeconds));
            System.out.printf("gateway requests received in all: %d%n", received.sum());
        }
        finally {
            service.close();
            gateway.stop(0);
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    /** Answers every Create message with 201 and the message's id, as NHS Notify does. */
    private static HttpServer standIn(LongAdder received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        byte[] created = ("{\"data\":{\"type\":\"Message\",\"id\":\"2WL3qFTEFM0qMY8xjRbt1LIKCzM\",\"attributes\":"
                + "{\"messageStatus\":\"created\"}}}").getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/messages", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                received.increment();
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.api+json");
                exchange.sendResponseHeaders(201, created.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(created);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        return server;
    }

    /** N requests shaped as the relay's, from {@code threads} threads. */
    private static void post(String gatewayUrl, int n, int threads) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (next.getAndIncrement() < n) {
                    String body = "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"" + ROUTING_PLAN
                            + "\",\"messageReference\":\"" + UUID.randomUUID()
                            + "\",\"recipient\":{\"nhsNumber\":\"9990000001\"},\"personalisation\":{\"title\":"
                            + "\"Your bowel screening invitation\",\"body\":\"You are invited for bowel screening.\"}}}}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/messages"))
                        .header("Content-Type", "application/vnd.api+json")
                        .header("apikey", "local-notify-api-key")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                    client.send(request, HttpResponse.BodyHandlers.ofString());
                }
                return null;
            }));
        }
        for (Future<?> one : running) {
            one.get();
        }
        pool.shutdown();
    }

    private static void seedMessages(MongoTemplate mongo, int n) {
        Date due = Date.from(Instant.now().minusSeconds(7200));
        // messages recorded two hours ago, due since
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectId id = new ObjectId();
            batch.add(new Document("_id", id).append("patientNhsNumber", String.format("999%07d", i % 10_000_000))
                .append("about", new Document("kind", "INVITATION").append("_id", "bench-" + id))
                .append("clinical", false)
                .append("kind", "INVITATION_ISSUED")
                .append("parts", List.of(new Document("key", "bench:" + id).append("kind", "INVITATION_ISSUED")
                    .append("at", due)
                    .append("fields", new Document("programme", "BOWEL").append("respondBy", "2027-01-31"))))
                .append("createdAt", due)
                .append("updatedAt", due)
                // as the service spreads them: the end of their hour, plus up to a minute by their id
                .append("relay", new Document("state", "PENDING")
                    .append("notBefore", new Date(due.getTime() + Math.floorMod(id.toHexString().hashCode(), 60_000)))
                    .append("reference", UUID.randomUUID().toString())
                    .append("attempts", 0)
                    .append("resends", 0)));
            if (batch.size() == 1000) {
                mongo.insert(batch, "messages");
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, "messages");
        }
    }

    private static void seedInvitations(MongoTemplate mongo, int n) {
        LocalDate today = LocalDate.now();
        Date invitedOn = Date.from(today.minusDays(20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Date respondBy = Date.from(today.plusDays(40).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new Document("_id", new ObjectId()).append("externalId", "bench-" + i)
                .append("patientNhsNumber", String.format("998%07d", i))
                .append("programme", "BOWEL")
                .append("status", "INVITED")
                .append("invitedOn", invitedOn)
                .append("respondBy", respondBy)
                .append("selfReferral", false)
                .append("history", List.of())
                .append("outbox", List.of())
                .append("revision", 0L)
                .append("_class", "org.cancerplan.screening.ScreeningInvitation"));
            if (batch.size() == 1000) {
                mongo.insert(batch, "screeningInvitations");
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, "screeningInvitations");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
