package org.cancerplan.assessment;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * A patient's assessments with the questionnaires they were asked, for features that have
 * already checked and audited the caller's access to the patient (an export).
 */
@Service
public class PatientAssessments {

    private final AssessmentRepository assessments;

    private final Questionnaires questionnaires;

    PatientAssessments(AssessmentRepository assessments, Questionnaires questionnaires) {
        this.assessments = assessments;
        this.questionnaires = questionnaires;
    }

    /** Every assessment of the patient, newest first, unaudited. */
    public List<Assessment> alreadyAuthorised(String patientNhsNumber) {
        return assessments.findByPatientNhsNumberOrderByRequestedAtDesc(patientNhsNumber);
    }

    /** The questionnaire version the assessment asked. */
    public Optional<Questionnaire> asked(Assessment assessment) {
        return questionnaires.find(assessment.getQuestionnaireId(), assessment.getQuestionnaireVersion());
    }

}
