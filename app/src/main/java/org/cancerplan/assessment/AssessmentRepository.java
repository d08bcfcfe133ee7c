package org.cancerplan.assessment;

import java.util.List;
import java.util.Optional;

import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.springframework.data.mongodb.repository.MongoRepository;

interface AssessmentRepository extends MongoRepository<Assessment, String> {

    Optional<Assessment> findBySource(String source);

    List<Assessment> findByPatientNhsNumberAndStatusOrderByDueByAsc(String patientNhsNumber, AssessmentStatus status);

    List<Assessment> findByPlanIdOrderByRequestedAtDesc(String planId);

    List<Assessment> findByPatientNhsNumberOrderByRequestedAtDesc(String patientNhsNumber);

    /**
     * Whether the source has asked already, or the plan has the questionnaire open: one
     * query.
     */
    boolean existsBySourceOrPlanIdAndQuestionnaireIdAndStatus(String source, String planId, String questionnaireId,
            AssessmentStatus status);

    boolean existsByPlanIdAndQuestionnaireIdAndStatus(String planId, String questionnaireId, AssessmentStatus status);

}
