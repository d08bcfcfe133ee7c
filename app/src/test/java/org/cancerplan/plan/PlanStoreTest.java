package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.cancerplan.plan.PlanParts.CancerType;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.security.Caller;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/** The store itself keeps a patient to one open plan, even when two writers race past the service's check. */
class PlanStoreTest extends ApiTest {

    private static final Caller STAFF = Caller.staff("s", "Dr Store", "R1H", "R8000", java.util.Set.of());

    @Autowired
    PlanRepository repository;

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
        assertThat(repository.findByOpenPlanOf(nhsNumber)).isPresent();
    }

    private static CancerPlan plan(String nhsNumber) {
        return CancerPlan.open(nhsNumber, new Diagnosis(new CancerType("C18.7", "Colon"), false, null, null),
                Pathway.NONE, List.of(), STAFF, Instant.now());
    }
}
