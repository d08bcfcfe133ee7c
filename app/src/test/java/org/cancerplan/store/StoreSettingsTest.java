package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import org.cancerplan.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

/**
 * Writes wait for a majority, reads go to the primary, and the indexes exist after
 * start-up.
 */
class StoreSettingsTest extends ApiTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void writesWaitForAMajorityAndReadsGoToThePrimary() {
        assertThat(mongo.getDb().getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
        assertThat(mongo.getDb().getReadPreference()).isEqualTo(ReadPreference.primary());
    }

    @Test
    void startUpEnsuresTheIndexesAShardedClusterAccepts() {
        assertThat(mongo.indexOps("cancerPlans").getIndexInfo()).extracting(IndexInfo::getName)
            .contains("patient_created", "one_open_plan", "lead_caseload");
        assertThat(mongo.indexOps("screeningInvitations").getIndexInfo()).extracting(IndexInfo::getName)
            .contains("patient_invited", "patient_external_id")
            .doesNotContain("externalId");
        assertThat(mongo.indexOps("patients").getIndexInfo()).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo("nhsNumber");
            assertThat(index.isUnique()).isTrue();
        });
    }

}
