package org.cancerplan.screening;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The patients who have opted out of a screening programme: no invitation of it is issued
 * to them, and no message about it is sent.
 */
@Component
public class OptOuts {

    static final String COLLECTION = "screeningOptOuts";

    private final MongoTemplate mongo;

    private final Clock clock;

    OptOuts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void optOut(String nhsNumber, Programme programme) {
        mongo.save(new Document("_id", key(nhsNumber, programme)).append("nhsNumber", nhsNumber)
            .append("programme", programme.name())
            .append("at", clock.instant()), COLLECTION);
    }

    void optIn(String nhsNumber, Programme programme) {
        mongo.remove(Query.query(Criteria.where("_id").is(key(nhsNumber, programme))), COLLECTION);
    }

    /**
     * Of the patients and programmes given as {@link #key}s, those opted out, in one
     * read.
     */
    Set<String> optedOut(Collection<String> keys) {
        return mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)
            .stream()
            .map(d -> d.getString("_id"))
            .collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Of the patients and programmes given as {@code nhsNumber:PROGRAMME} keys, those
     * opted out, in one read.
     */
    public Set<String> optedOutOf(Collection<String> keys) {
        return optedOut(keys);
    }

    public static String key(String nhsNumber, String programme) {
        return nhsNumber + ":" + programme;
    }

    static String key(String nhsNumber, Programme programme) {
        return nhsNumber + ":" + programme;
    }

}
