package org.cancerplan.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.bson.Document;
import org.cancerplan.messages.Messages.Source;
import org.cancerplan.shared.MessageIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Empties the outboxes: for each aggregate marked {@link MessageIntent#PENDING}, records
 * its intents as message parts, then removes those intents from its outbox, then unmarks
 * it once the outbox is empty. A stop between any two steps is finished by the next pass
 * (after a save that wrote intents, and every
 * {@link MessageSettings#outboxSweepInterval()}), and redoing a step adds nothing twice.
 * Passes run on one background thread, apart from the requests that wrote the intents.
 */
@Component
class MessageOutbox {

    /** The collections whose aggregates have an outbox. */
    static final List<String> SOURCES = List.of("cancerPlans", "screeningInvitations", "tasks", "assessments");

    private static final Logger log = LoggerFactory.getLogger(MessageOutbox.class);

    private static final int BATCH = 500;

    private final MongoTemplate mongo;

    private final Messages messages;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "message-outbox");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, AtomicBoolean> queued = new ConcurrentHashMap<>();

    MessageOutbox(MongoTemplate mongo, Messages messages) {
        this.mongo = mongo;
        this.messages = messages;
    }

    @EventListener
    void written(MessageIntent.Written written) {
        AtomicBoolean waiting = queued.computeIfAbsent(written.collection(), collection -> new AtomicBoolean());
        if (waiting.compareAndSet(false, true)) {
            worker.execute(() -> {
                waiting.set(false);
                drainQuietly(written.collection());
            });
        }
    }

    @Scheduled(
            fixedDelayString = "${cancerplan.messages.outbox-sweep-interval:" + MessageSettings.DEFAULT_SWEEP_INTERVAL
                    + "}",
            initialDelayString = "${cancerplan.messages.outbox-sweep-interval:" + MessageSettings.DEFAULT_SWEEP_INTERVAL
                    + "}")
    void sweep() {
        SOURCES.forEach(this::drainQuietly);
    }

    private void drainQuietly(String collection) {
        MDC.clear();
        try {
            drain(collection);
        }
        catch (RuntimeException failed) {
            log.warn("Could not turn the outbox of {} into messages now; the next sweep tries again: {}", collection,
                    failed.toString());
        }
    }

    /**
     * Empties the outboxes of {@code collection}; returns how many intents it recorded.
     */
    int drain(String collection) {
        int recorded = 0;
        while (true) {
            Query pending = Query.query(Criteria.where(MessageIntent.PENDING).is(true)).limit(BATCH);
            pending.fields().include(MessageIntent.OUTBOX);
            List<Document> batch = mongo.find(pending, Document.class, collection);
            if (batch.isEmpty()) {
                return recorded;
            }
            recorded += drain(collection, batch);
            if (batch.size() < BATCH) {
                return recorded;
            }
        }
    }

    private int drain(String collection, List<Document> batch) {
        List<Source> sources = new ArrayList<>();
        for (Document aggregate : batch) {
            for (Document intent : aggregate.getList(MessageIntent.OUTBOX, Document.class, List.of())) {
                sources.add(new Source(collection, aggregate.get("_id").toString(),
                        mongo.getConverter().read(MessageIntent.class, intent)));
            }
        }
        messages.record(sources);
        removeFromOutboxes(collection, batch);
        return sources.size();
    }

    /**
     * Removes the intents just recorded (by key: any written meanwhile stay), then
     * unmarks the aggregates whose outbox is now empty.
     */
    private void removeFromOutboxes(String collection, List<Document> batch) {
        BulkOperations removals = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        boolean any = false;
        for (Document aggregate : batch) {
            List<Object> keys = aggregate.getList(MessageIntent.OUTBOX, Document.class, List.of())
                .stream()
                .map(intent -> intent.get("key"))
                .toList();
            if (!keys.isEmpty()) {
                removals.updateOne(Query.query(Criteria.where("_id").is(aggregate.get("_id"))),
                        new Update().pull(MessageIntent.OUTBOX, new Document("key", new Document("$in", keys))));
                any = true;
            }
        }
        if (any) {
            removals.execute();
        }
        mongo.updateMulti(Query.query(Criteria.where("_id")
            .in(batch.stream().map(aggregate -> aggregate.get("_id")).toList())
            .and(MessageIntent.OUTBOX)
            .size(0)), new Update().unset(MessageIntent.PENDING), collection);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

}
