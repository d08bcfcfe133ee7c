package org.cancerplan.plan;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

interface PlanRepository extends MongoRepository<CancerPlan, String> {

    Optional<CancerPlan> findByPatientNhsNumberAndOpenSlot(String patientNhsNumber, String openSlot);

    /** The patient's open plan (draft, active or on hold), if any. */
    default Optional<CancerPlan> findOpenPlanOf(String patientNhsNumber) {
        return findByPatientNhsNumberAndOpenSlot(patientNhsNumber, CancerPlan.OPEN);
    }

    List<CancerPlan> findByPatientNhsNumberOrderByCreatedAtDesc(String patientNhsNumber);

    Optional<CancerPlan> findByIdAndPatientNhsNumber(String id, String patientNhsNumber);

    long countByNeighbourhoodLeadLeadIdAndStatusNot(String leadId, PlanStatus status);

    @Query(value = "{ 'neighbourhoodLead.leadId': ?0, 'status': { $ne: 'REVOKED' } }", fields = "{ '_id': 1 }",
            sort = "{ '_id': 1 }")
    List<CancerPlan> findIdsByLead(String leadId);

}
