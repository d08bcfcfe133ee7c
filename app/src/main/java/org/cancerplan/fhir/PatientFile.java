package org.cancerplan.fhir;

import java.util.List;
import java.util.Map;

import org.cancerplan.assessment.Assessment;
import org.cancerplan.assessment.Questionnaire;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.screening.ScreeningInvitation;
import org.cancerplan.task.Task;

/**
 * What is held about one patient: demographics, plans (newest first), their leads by id,
 * invitations, assessments with the questionnaires asked, and tasks (newest first).
 */
public record PatientFile(Patient patient, List<CancerPlan> plans, Map<String, NeighbourhoodLead> leads,
        List<ScreeningInvitation> invitations, List<AskedAssessment> assessments, List<Task> tasks) {

    /** An assessment and the questionnaire version it asked. */
    public record AskedAssessment(Assessment assessment, Questionnaire questionnaire) {
    }

}
