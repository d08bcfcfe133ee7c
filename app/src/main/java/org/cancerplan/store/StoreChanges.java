package org.cancerplan.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.BsonDocument;
import org.bson.Document;
import org.cancerplan.store.ChangeFeedSettings.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The documents of a collection as they change, whichever instance changed them: a change
 * is a write that moves the document's time field ({@code updatedAt}), each told once.
 * From MongoDB's change streams where the store has them, else by reading what changed
 * every {@link ChangeFeedSettings#pollInterval()} from the latest change seen (on an
 * index of the time field). Each collection's feed runs while somebody listens and is
 * shared by all who do.
 */
@Component
public class StoreChanges {

    private static final Logger log = LoggerFactory.getLogger(StoreChanges.class);

    private static final int POLL_BATCH = 500;

    private final MongoTemplate mongo;

    private final ChangeFeedSettings settings;

    private final Map<String, Flux<Document>> feeds = new ConcurrentHashMap<>();

    private volatile Source resolved;

    StoreChanges(MongoTemplate mongo, ChangeFeedSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    /** The changed documents of {@code collection}, whole, as they change. */
    public Flux<Document> of(String collection, String timeField) {
        return feeds.computeIfAbsent(collection + "@" + timeField,
                key -> Flux
                    .defer(() -> source() == Source.CHANGE_STREAMS ? changeStream(collection, timeField)
                            : polling(collection, timeField))
                    .transform(told -> onceEach(told, timeField))
                    .share());
    }

    /** Where changes come from: as configured, or what the store supports. */
    public Source source() {
        if (resolved == null) {
            resolved = settings.source() != Source.AUTO ? settings.source() : detect();
            log.info("Changes made by other instances are learnt by {}", resolved == Source.CHANGE_STREAMS
                    ? "MongoDB change streams" : "polling every " + settings.pollInterval());
        }
        return resolved;
    }

    private Source detect() {
        try {
            Document hello = mongo.getDb().runCommand(new Document("hello", 1));
            return hello.containsKey("setName") || "isdbgrid".equals(hello.getString("msg")) ? Source.CHANGE_STREAMS
                    : Source.POLLING;
        }
        catch (MongoException unknown) {
            return Source.POLLING;
        }
    }

    /** Lets through each document once for each value of its time field. */
    private static Flux<Document> onceEach(Flux<Document> changes, String timeField) {
        return Flux.defer(() -> {
            Cache<Object, Object> told = Caffeine.newBuilder().maximumSize(100_000).build();
            return changes.filter(document -> {
                Object time = document.get(timeField);
                Object before = told.asMap().put(document.get("_id"), time == null ? "" : time);
                return before == null || !before.equals(time == null ? "" : time);
            });
        });
    }

    /**
     * Reads what changed every poll interval. The first read, as the feed starts, only
     * notes what is there already (the overlap reads it again), so a subscriber is not
     * told of changes made before it came.
     */
    private Flux<Document> polling(String collection, String timeField) {
        AtomicReference<Instant> latest = new AtomicReference<>(Instant.now());
        return Mono
            .fromCallable(() -> poll(collection, timeField, latest).stream()
                .map(document -> changeOf(document, timeField))
                .collect(Collectors.toSet()))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMapMany(before -> Flux.interval(settings.pollInterval(), Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(poll(collection, timeField, latest)))
                .filter(document -> !before.contains(changeOf(document, timeField))))
            .onErrorContinue((failed, value) -> log.warn(
                    "Reading the changes of {} failed; the next poll tries again: {}", collection, failed.toString()));
    }

    private static List<Object> changeOf(Document document, String timeField) {
        return Arrays.asList(document.get("_id"), document.get(timeField));
    }

    private List<Document> poll(String collection, String timeField, AtomicReference<Instant> latest) {
        Instant from = latest.get().minus(settings.overlap());
        List<Document> changed = mongo.find(
                Query.query(Criteria.where(timeField).gt(Date.from(from))).with(Sort.by(timeField)).limit(POLL_BATCH),
                Document.class, collection);
        for (Document document : changed) {
            if (document.get(timeField) instanceof Date time && time.toInstant().isAfter(latest.get())) {
                latest.set(time.toInstant());
            }
        }
        return changed;
    }

    private Flux<Document> changeStream(String collection, String timeField) {
        return Flux.<Document>create(sink -> {
            Thread reader = new Thread(() -> read(collection, sink), "store-changes-" + collection);
            reader.setDaemon(true);
            sink.onDispose(reader::interrupt);
            reader.start();
        }, FluxSink.OverflowStrategy.LATEST);
    }

    /**
     * Follows the change stream until nobody listens, resuming where it was after a
     * failure.
     */
    private void read(String collection, FluxSink<Document> sink) {
        BsonDocument resumeToken = null;
        while (!sink.isCancelled() && !Thread.currentThread().isInterrupted()) {
            var watch = mongo.getCollection(collection)
                .watch(List.of(Aggregates.match(Filters.in("operationType", "insert", "update", "replace"))))
                .fullDocument(FullDocument.UPDATE_LOOKUP)
                .maxAwaitTime(500, TimeUnit.MILLISECONDS);
            if (resumeToken != null) {
                watch = watch.resumeAfter(resumeToken);
            }
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = watch.cursor()) {
                while (!sink.isCancelled()) {
                    ChangeStreamDocument<Document> change = cursor.tryNext();
                    if (change != null) {
                        resumeToken = change.getResumeToken();
                        if (change.getFullDocument() != null) {
                            sink.next(change.getFullDocument());
                        }
                    }
                }
            }
            catch (MongoException | IllegalStateException failed) {
                if (sink.isCancelled()) {
                    return;
                }
                log.warn("The change stream of {} failed; resuming in a second: {}", collection, failed.toString());
                try {
                    Thread.sleep(1000);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

}
