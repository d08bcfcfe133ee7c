package org.cancerplan.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import org.bson.Document;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.Sha256;
import org.cancerplan.shared.UserError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * {@code clientMutationId}: a mutation retried with the same id by the same caller
 * returns the first result instead of acting twice. The first call claims the id in the
 * {@value #COLLECTION} collection (a unique key, so two instances cannot both act), then
 * stores its payload there; records are kept for {@link #KEPT}.
 */
@Service
public class IdempotentMutations {

    static final String COLLECTION = "idempotencyRecords";
    static final Duration KEPT = Duration.ofHours(24);

    private final MongoTemplate mongo;

    private final Clock clock;

    IdempotentMutations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Runs {@code action} once per caller, operation and client mutation id; a repeat
     * gets the stored payload. A repeat while the first call still runs gets
     * {@code inProgress} with an {@code IN_PROGRESS} error.
     */
    public <T> T once(Caller caller, String operation, String clientMutationId, Class<T> payloadType,
            Supplier<T> action, Function<UserError, T> inProgress) {
        if (clientMutationId == null || clientMutationId.isBlank()) {
            return action.get();
        }
        String key = key(caller, operation, clientMutationId);
        Instant now = clock.instant();
        try {
            mongo.insert(new Document("_id", key).append("state", "PENDING")
                .append("createdAt", now)
                .append("expireAt", now.plus(KEPT)), COLLECTION);
        }
        catch (DuplicateKeyException repeat) {
            Document first = mongo.findById(key, Document.class, COLLECTION);
            if (first != null && first.get("payload") instanceof Document payload) {
                return mongo.getConverter().read(payloadType, payload);
            }
            return inProgress.apply(UserError.of("IN_PROGRESS", "clientMutationId",
                    "A request with this clientMutationId is still being handled; retry shortly"));
        }
        T payload;
        try {
            payload = action.get();
        }
        catch (RuntimeException failure) {
            mongo.remove(Query.query(Criteria.where("_id").is(key)), COLLECTION);
            throw failure;
        }
        Document stored = new Document();
        mongo.getConverter().write(payload, stored);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)),
                Update.update("state", "DONE").set("payload", stored), COLLECTION);
        return payload;
    }

    /**
     * Staff are keyed by the role they act in too: one person may hold roles in several
     * organisations, and a repeat under another role is checked again, not answered with
     * what the first role was allowed to see.
     */
    private static String key(Caller caller, String operation, String clientMutationId) {
        String who = caller.kind() + "\n" + caller.subject();
        if (caller.is(CallerKind.STAFF)) {
            who += "\n" + caller.organisation() + "\n" + caller.roleCode();
        }
        return Sha256.hex(who + "\n" + operation + "\n" + clientMutationId);
    }

}
