package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.cancerplan.security.Caller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.cancerplan.support.SteppedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded store's expiry of documents under TTL indexes, on a clock the test steps.
 */
class ExpirySweeperTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    private static final Payload DONE = new Payload("done");

    @TempDir
    Path directory;

    private final SteppedClock clock = new SteppedClock(START);

    private EmbeddedStore store;

    private MongoClient client;

    private MongoTemplate mongo;

    private ExpirySweeper sweeper;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(directory);
        client = MongoClients.create(store.connectionString(""));
        mongo = new MongoTemplate(client, "cancerplan");
        new StoreIndexes(mongo, List.of()).ensure(); // declares the idempotency records'
                                                     // TTL index
        sweeper = new ExpirySweeper(mongo, clock);
    }

    @AfterEach
    void close() {
        client.close();
        store.close();
    }

    @Test
    void idempotencyRecordsAreDeletedOnceTheirTimeHasPassedAndNotBefore() {
        IdempotentMutations mutations = new IdempotentMutations(mongo, clock);
        mutations.once(Caller.support("jsmith"), "registerPatients", "first", Payload.class, () -> DONE,
                refused -> null);
        clock.advance(Duration.ofHours(1));
        mutations.once(Caller.support("jsmith"), "registerPatients", "second", Payload.class, () -> DONE,
                refused -> null);

        clock.advance(IdempotentMutations.KEPT.minusHours(1)); // the first one's expireAt
                                                               // exactly
        assertThat(sweeper.sweep()).isZero();
        assertThat(records()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(sweeper.sweep()).isOne();
        assertThat(records()).isOne();
        Document left = mongo.getCollection(IdempotentMutations.COLLECTION).find().first();
        assertThat(left.getDate("createdAt").toInstant()).as("the second").isEqualTo(START.plusSeconds(3600));

        clock.advance(Duration.ofHours(1));
        assertThat(sweeper.sweep()).isOne();
        assertThat(records()).isZero();
    }

    @Test
    void onlyDatesExpireTheEarliestOfAnArrayCountsAndTheIndexsSecondsAreAdded() {
        mongo.getCollection("sessions")
            .createIndex(new Document("lastSeen", 1), new IndexOptions().expireAfter(600L, TimeUnit.SECONDS));
        Date longAgo = Date.from(START.minus(Duration.ofDays(2)));
        Date inAMinute = Date.from(START.plusSeconds(60));
        mongo.getCollection("sessions")
            .insertMany(List.of(new Document("_id", "date").append("lastSeen", Date.from(START)),
                    new Document("_id", "dates").append("lastSeen", List.of(inAMinute, longAgo)),
                    new Document("_id", "text").append("lastSeen", longAgo.toString()),
                    new Document("_id", "number").append("lastSeen", 0), new Document("_id", "missing")));

        clock.advance(Duration.ofSeconds(599));
        sweeper.sweep();
        List<Object> afterTenMinutesLessASecond = ids("sessions");
        clock.advance(Duration.ofSeconds(2));
        sweeper.sweep();

        assertThat(afterTenMinutesLessASecond).containsExactlyInAnyOrder("date", "text", "number", "missing");
        assertThat(ids("sessions")).containsExactlyInAnyOrder("text", "number", "missing");
    }

    @Test
    void aDeletionIsCommittedToTheFile() {
        new IdempotentMutations(mongo, clock).once(Caller.support("jsmith"), "registerPatients", "only", Payload.class,
                () -> DONE, refused -> null);
        clock.advance(IdempotentMutations.KEPT.plusSeconds(1));
        sweeper.sweep();
        close();

        open();
        assertThat(records()).isZero();
    }

    record Payload(String outcome) {
    }

    private long records() {
        return mongo.getCollection(IdempotentMutations.COLLECTION).countDocuments();
    }

    private List<Object> ids(String collection) {
        return mongo.getCollection(collection).find().map(document -> document.get("_id")).into(new ArrayList<>());
    }

}
