package org.cancerplan.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A find with a sort and a limit reads, through an index in the sort's order, about as
 * many documents as it returns, and answers as a sort of every match would.
 */
class SortedFindTest {

    private static final int EVENTS = 2_000;

    private static final String INDEX = "patientNhsNumber_1_at_-1";

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Bson NEWEST_FIRST = orderBy(descending("at"), ascending("_id"));

    @TempDir
    Path directory;

    /**
     * Two events a second for one patient (ties), a few for others, and events of the
     * patient's own.
     */
    private static List<BsonDocument> events() {
        List<BsonDocument> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(event("e-" + i, i % 5 == 0 ? "nhs-other-" + (i % 7) : "nhs-1", START.plusSeconds(i / 2),
                    i % 9 == 0 ? "PATIENT" : "STAFF"));
        }
        return events;
    }

    private static BsonDocument event(String id, String nhsNumber, Instant at, String actorKind) {
        return new BsonDocument("_id", new BsonString(id)).append("patientNhsNumber", new BsonString(nhsNumber))
            .append("at", new BsonDateTime(at.toEpochMilli()))
            .append("actorKind", new BsonString(actorKind));
    }

    /** The page as a sort of every event would give it. */
    private static List<String> expected(Predicate<BsonDocument> matches, int skip, int limit) {
        return events().stream()
            .filter(matches)
            .sorted(Comparator.comparing((BsonDocument event) -> event.getDateTime("at").getValue())
                .reversed()
                .thenComparing(event -> event.getString("_id").getValue()))
            .skip(skip)
            .limit(limit)
            .map(event -> event.getString("_id").getValue())
            .toList();
    }

    private static List<String> ids(FindIterable<BsonDocument> found) {
        return found.map(event -> event.getString("_id").getValue()).into(new ArrayList<>());
    }

    @Test
    void aPageOfOnePatientsEventsReadsAboutThePageNotAllTheirEvents() {
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> events = served.collection("events");
            events.createIndex(new BsonDocument("patientNhsNumber", new BsonInt32(1)).append("at", new BsonInt32(-1)));
            events.insertMany(events());
            SecondaryIndex index = (SecondaryIndex) served.index("events", INDEX);
            Bson notThePatient = and(eq("patientNhsNumber", "nhs-1"), ne("actorKind", "PATIENT"));

            long before = index.candidatesReturned();
            List<String> firstPage = ids(events.find(notThePatient).sort(NEWEST_FIRST).limit(20));
            long firstPageReads = index.candidatesReturned() - before;

            assertThat(firstPage).isEqualTo(expected(SortedFindTest::notThePatientOfNhs1, 0, 20));
            assertThat(firstPageReads).as("entries read for a page of 20 of the patient's 1,600").isBetween(20L, 26L);

            before = index.candidatesReturned();
            assertThat(ids(events.find(notThePatient).sort(NEWEST_FIRST).skip(100).limit(20).batchSize(7)))
                .isEqualTo(expected(SortedFindTest::notThePatientOfNhs1, 100, 20));
            assertThat(index.candidatesReturned() - before).as("entries read for the sixth page").isBetween(120L, 140L);

            // the next page as Spring Data's keyset scrolling asks for it
            BsonDocument last = events.find(eq("_id", firstPage.get(19))).first();
            Instant lastAt = Instant.ofEpochMilli(last.getDateTime("at").getValue());
            Bson after = and(notThePatient,
                    or(lt("at", Date.from(lastAt)), and(eq("at", Date.from(lastAt)), gt("_id", firstPage.get(19)))));
            assertThat(ids(events.find(after).sort(NEWEST_FIRST).limit(20)))
                .isEqualTo(expected(SortedFindTest::notThePatientOfNhs1, 20, 20));

            assertThat(ids(events.find(eq("patientNhsNumber", "nhs-1")).sort(ascending("at", "_id")).limit(5)))
                .isEqualTo(List.of("e-1", "e-2", "e-3", "e-4", "e-6"));
            assertThat(index.walksInSortOrder()).isEqualTo(4);
        }
    }

    /**
     * With the actor's kind before the time in the index, a page of the events by others
     * than the patient walks each named kind newest first and merges the walks, never
     * meeting the patient's own events; here the newest 600 are theirs, which a walk of
     * the patient's events in time order would step over.
     */
    @Test
    void aSortUnderSeveralValuesOfAnEarlierKeyMergesTheirWalks() {
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> events = served.collection("events");
            // the index without the kind can walk this query too, stepping over the
            // patient's own events
            events.createIndex(new BsonDocument("patientNhsNumber", new BsonInt32(1)).append("at", new BsonInt32(-1)));
            events.createIndex(
                    new BsonDocument("patientNhsNumber", new BsonInt32(1)).append("actorKind", new BsonInt32(1))
                        .append("at", new BsonInt32(-1)));
            List<BsonDocument> all = new ArrayList<>(events());
            for (int i = 0; i < 600; i++) {
                all.add(event("own-" + i, "nhs-1", START.plusSeconds(EVENTS + i), "PATIENT"));
            }
            for (int i = 0; i < 300; i++) {
                all.add(event("int-" + i, "nhs-1", START.plusSeconds(3 * i + 1), "INTEGRATION"));
            }
            events.insertMany(all);
            SecondaryIndex index = (SecondaryIndex) served.index("events", "patientNhsNumber_1_actorKind_1_at_-1");
            Bson byOthers = and(eq("patientNhsNumber", "nhs-1"), in("actorKind", "STAFF", "INTEGRATION", "SUPPORT"));
            Comparator<BsonDocument> oldestFirst = Comparator
                .comparing((BsonDocument event) -> event.getDateTime("at").getValue())
                .thenComparing(event -> event.getString("_id").getValue());
            Comparator<BsonDocument> newestFirst = Comparator
                .comparing((BsonDocument event) -> event.getDateTime("at").getValue())
                .reversed()
                .thenComparing(event -> event.getString("_id").getValue());
            List<BsonDocument> byOthersOfNhs1 = all.stream()
                .filter(event -> event.getString("patientNhsNumber").getValue().equals("nhs-1")
                        && !event.getString("actorKind").getValue().equals("PATIENT"))
                .toList();
            List<String> expected = byOthersOfNhs1.stream()
                .sorted(newestFirst)
                .map(event -> event.getString("_id").getValue())
                .toList();

            long before = index.candidatesReturned();
            List<String> firstPage = ids(events.find(byOthers).sort(NEWEST_FIRST).limit(20));
            long firstPageReads = index.candidatesReturned() - before;
            List<String> laterPage = ids(events.find(byOthers).sort(NEWEST_FIRST).skip(400).limit(30));
            List<String> oldestPage = ids(events.find(byOthers).sort(ascending("at", "_id")).limit(10));

            assertThat(firstPage).isEqualTo(expected.subList(0, 20));
            assertThat(firstPageReads).as("entries read for a page of 20, over three walks").isBetween(20L, 30L);
            assertThat(laterPage).isEqualTo(expected.subList(400, 430));
            assertThat(oldestPage).isEqualTo(byOthersOfNhs1.stream()
                .sorted(oldestFirst)
                .limit(10)
                .map(event -> event.getString("_id").getValue())
                .toList());
            assertThat(index.walksInSortOrder()).isEqualTo(3);
        }
    }

    @Test
    void aSortOnAnIndexsFirstKeyWalksItWhenNoIndexAnswersTheQuery() {
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> events = served.collection("events");
            events.createIndex(new BsonDocument("at", new BsonInt32(-1)));
            events.insertMany(events());
            SecondaryIndex index = (SecondaryIndex) served.index("events", "at_-1");

            assertThat(ids(events.find(eq("actorKind", "PATIENT")).sort(descending("at")).limit(3)))
                .isEqualTo(List.of("e-1998", "e-1989", "e-1980"));
            assertThat(index.candidatesReturned()).as("entries read").isBetween(19L, 30L);
        }
    }

    /**
     * A document sorts by the greatest element of its array, descending, where the walk
     * may not meet it first.
     */
    @Test
    void anArrayUnderTheSortKeyTakesTheStockWay() {
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> events = served.collection("events");
            events.createIndex(new BsonDocument("patientNhsNumber", new BsonInt32(1)).append("at", new BsonInt32(-1)));
            events.insertMany(events());
            events.insertOne(
                    new BsonDocument("_id", new BsonString("array")).append("patientNhsNumber", new BsonString("nhs-1"))
                        .append("at", new BsonArray(List.of(new BsonDateTime(START.minusSeconds(5).toEpochMilli()),
                                new BsonDateTime(START.plusSeconds(5_000).toEpochMilli())))));

            assertThat(ids(events.find(eq("patientNhsNumber", "nhs-1")).sort(ascending("at", "_id")).limit(2)))
                .containsExactly("array", "e-1");
            assertThat(ids(events.find(eq("patientNhsNumber", "nhs-1")).sort(NEWEST_FIRST).limit(2)))
                .containsExactly("array", "e-1998");
        }
    }

    /**
     * A store whose index entries are in the form the release before wrote (unordered
     * tokens, in the map named in the stock way), also with this release's map left
     * behind stale by a later write of that release: both are removed and the index is
     * built again from the documents.
     */
    @Test
    void aStoreWithEntriesInTheFormerFormatIsIndexedAgainAtItsNextStart() {
        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            MongoCollection<BsonDocument> events = served.collection("events");
            events.createIndex(new BsonDocument("patientNhsNumber", new BsonInt32(1)).append("at", new BsonInt32(-1)));
            events.insertMany(events());
        }
        MVStore store = ServedStore.openFile(file());
        MVMap<String, String> former = store.openMap("test.events._index_" + INDEX,
                new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
        for (BsonDocument event : events()) {
            former.put("s" + event.getString("patientNhsNumber").getValue() + "\0i"
                    + Instant.ofEpochMilli(event.getDateTime("at").getValue()) + "\0s"
                    + event.getString("_id").getValue() + "\0", "");
        }
        MVMap<String, String> stale = store.openMap("test.events._ordered_" + INDEX,
                new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE));
        stale.keySet().stream().limit(500).toList().forEach(stale::remove);
        store.commit();
        store.close();

        try (ServedStore served = ServedStore.on(new DurableH2Backend(ServedStore.openFile(file())))) {
            SecondaryIndex index = (SecondaryIndex) served.index("events", INDEX);
            assertThat(served.backend().getMvStore().getMapNames()).contains("test.events._ordered_" + INDEX)
                .doesNotContain("test.events._index_" + INDEX);
            assertThat(index.getCount()).isEqualTo(EVENTS);
            assertThat(
                    ids(served.collection("events").find(eq("patientNhsNumber", "nhs-1")).sort(NEWEST_FIRST).limit(10)))
                .isEqualTo(expected(event -> event.getString("patientNhsNumber").getValue().equals("nhs-1"), 0, 10));
            assertThat(index.walksInSortOrder()).isEqualTo(1);
        }
    }

    private static boolean notThePatientOfNhs1(BsonDocument event) {
        return event.getString("patientNhsNumber").getValue().equals("nhs-1")
                && !event.getString("actorKind").getValue().equals("PATIENT");
    }

    private Path file() {
        return directory.resolve("store.mv.db");
    }

}
