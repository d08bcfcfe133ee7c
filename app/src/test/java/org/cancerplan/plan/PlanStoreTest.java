package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.plan.PlanParts.CancerType;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.security.Caller;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.MongoCommands;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

/**
 * The store itself keeps a patient to one open plan, even when two writers race past the
 * service's check.
 */
class PlanStoreTest extends ApiTest {

    private static final Caller STAFF = Caller.staff("s", "Dr Store", "R1H", "R8000", Set.of());

    @Autowired
    PlanRepository repository;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoCommands commands;

    @Test
    void aSecondOpenPlanForThePatientIsRefusedByTheIndex() {
        String nhsNumber = TestNhsNumbers.next();
        repository.insert(plan(nhsNumber));

        assertThatThrownBy(() -> repository.insert(plan(nhsNumber))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void closedPlansDoNotCountAsOpen() {
        String nhsNumber = TestNhsNumbers.next();
        CancerPlan first = repository.insert(plan(nhsNumber));
        first.moveTo(PlanStatus.REVOKED, Instant.now());
        repository.save(first);

        repository.insert(plan(nhsNumber));

        assertThat(repository.findByPatientNhsNumberOrderByCreatedAtDesc(nhsNumber)).hasSize(2);
        assertThat(repository.findOpenPlanOf(nhsNumber)).isPresent();
    }

    @Test
    void aPatientMayHaveManyClosedPlans() {
        String nhsNumber = TestNhsNumbers.next();
        for (int i = 0; i < 3; i++) {
            CancerPlan plan = repository.insert(plan(nhsNumber));
            plan.moveTo(PlanStatus.REVOKED, Instant.now());
            repository.save(plan);
        }
        repository.insert(plan(nhsNumber));

        assertThat(repository.findByPatientNhsNumberOrderByCreatedAtDesc(nhsNumber)).hasSize(4);
        assertThat(repository.findOpenPlanOf(nhsNumber)).isPresent();
    }

    @Test
    void plansStoredBeforeShardingGetTheirOpenSlotAndTheOldIndexGoes() {
        String openOf = TestNhsNumbers.next();
        String closedOf = TestNhsNumbers.next();
        ObjectId open = new ObjectId();
        ObjectId closed = new ObjectId();
        mongo.insert(new Document("_id", open).append("patientNhsNumber", openOf)
            .append("openPlanOf", openOf)
            .append("status", "ACTIVE"), OpenSlotMigration.COLLECTION);
        mongo.insert(new Document("_id", closed).append("patientNhsNumber", closedOf).append("status", "COMPLETED"),
                OpenSlotMigration.COLLECTION);
        mongo.indexOps(OpenSlotMigration.COLLECTION)
            .createIndex(new Index().on("openPlanOf", Sort.Direction.ASC).unique().sparse().named("openPlanOf"));

        new OpenSlotMigration().migrate(mongo);

        assertThat(mongo.findById(open, Document.class, OpenSlotMigration.COLLECTION)).containsEntry("openSlot", "OPEN")
            .doesNotContainKey("openPlanOf");
        assertThat(mongo.findById(closed, Document.class, OpenSlotMigration.COLLECTION)).containsEntry("openSlot",
                closed.toHexString());
        assertThat(repository.findOpenPlanOf(openOf)).isPresent();
        assertThat(repository.findOpenPlanOf(closedOf)).isEmpty();
        assertThat(mongo.indexOps(OpenSlotMigration.COLLECTION).getIndexInfo()).extracting(IndexInfo::getName)
            .doesNotContain("openPlanOf")
            .contains("one_open_plan");
    }

    @Test
    void aStoreWithoutTheOldIndexIsNotScannedAtStartUp() {
        commands.reset();

        new OpenSlotMigration().migrate(mongo);

        assertThat(commands.sent()).noneMatch(command -> command.startsWith("find cancerPlans"))
            .noneMatch(command -> command.startsWith("update cancerPlans"));
    }

    private static CancerPlan plan(String nhsNumber) {
        return CancerPlan.open(nhsNumber, new Diagnosis(new CancerType("C18.7", "Colon"), false, null, null),
                Pathway.NONE, List.of(), STAFF, Instant.now());
    }

}
