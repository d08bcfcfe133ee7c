package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import org.cancerplan.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Every index the service declares at start-up is served by the embedded store: none is
 * the empty stand-in that mongo-java-server returns, with its "adding secondary index ...
 * is not yet implemented. ignoring" warning, for the indexes it cannot build.
 */
class DeclaredIndexesServedTest extends ApiTest {

    @Autowired
    EmbeddedStore store;

    @Autowired
    MongoTemplate mongo;

    @Test
    void noDeclaredIndexIsLeftUnserved() {
        MongoDatabase database = store.backend().resolveDatabase(mongo.getDb().getName());
        List<String> declared = mongo.getCollectionNames()
            .stream()
            .flatMap(name -> mongo.indexOps(name).getIndexInfo().stream().map(index -> name + "." + index.getName()))
            .toList();
        List<Index<?>> served = mongo.getCollectionNames()
            .stream()
            .map(name -> database.resolveCollection(name, true))
            .flatMap(collection -> indexesOf(collection).stream())
            .toList();

        assertThat(declared).as("the service declares non-unique indexes")
            .contains("cancerPlans.lead_caseload", "auditEvents.patient_time", "screeningInvitations.patient_invited");
        assertThat(served).hasSameSizeAs(declared).noneMatch(EmptyIndex.class::isInstance);
    }

    private static List<Index<?>> indexesOf(MongoCollection<?> collection) {
        return List.copyOf(collection.getIndexes());
    }

}
