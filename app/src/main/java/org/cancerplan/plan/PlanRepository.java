package org.cancerplan.plan;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface PlanRepository extends MongoRepository<CancerPlan, String> {

    Optional<CancerPlan> findByOpenPlanOf(String patientNhsNumber);

    List<CancerPlan> findByPatientNhsNumberOrderByCreatedAtDesc(String patientNhsNumber);
}
