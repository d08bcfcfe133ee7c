package org.cancerplan.fhir;

import java.util.List;
import java.util.Optional;

import org.cancerplan.assessment.PatientAssessments;
import org.cancerplan.fhir.PatientFile.AskedAssessment;
import org.cancerplan.lead.LeadService;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.LeadAssignmentRecord;
import org.cancerplan.plan.PlanService;
import org.cancerplan.screening.ScreeningInvitation;
import org.cancerplan.screening.ScreeningService;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.NhsNumber;
import org.cancerplan.task.Tasks;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.stereotype.Service;

/**
 * Gathers a {@link PatientFile}: the patient, their plans, every lead those plans have
 * had, their newest invitations (at most {@value #MAX_INVITATIONS}; a patient has a few
 * dozen in a lifetime), their assessments and their tasks. Assessments and tasks hang off
 * the plans, so the plans' read covers them.
 */
@Service
public class PatientFiles {

    static final int MAX_INVITATIONS = 500;

    private final PatientService patients;

    private final PlanService plans;

    private final LeadService leads;

    private final ScreeningService screening;

    private final PatientAssessments assessments;

    private final Tasks tasks;

    PatientFiles(PatientService patients, PlanService plans, LeadService leads, ScreeningService screening,
            PatientAssessments assessments, Tasks tasks) {
        this.patients = patients;
        this.plans = plans;
        this.leads = leads;
        this.screening = screening;
        this.assessments = assessments;
        this.tasks = tasks;
    }

    /**
     * The caller's read of everything held about the patient, each part checked and
     * audited as that part's own read; empty when no patient has the number.
     */
    public Optional<PatientFile> read(Caller caller, NhsNumber nhsNumber) {
        String number = nhsNumber.value();
        return patients.find(caller, nhsNumber)
            .map(patient -> gathered(patient, plans.all(caller, number),
                    screening.invitationsOf(caller, number, ScrollPosition.keyset(), MAX_INVITATIONS).getContent()));
    }

    /**
     * The same, unaudited: for a read already checked and audited as a whole (an export).
     */
    Optional<PatientFile> alreadyAuthorised(NhsNumber nhsNumber) {
        String number = nhsNumber.value();
        return patients.alreadyAuthorised(List.of(number))
            .stream()
            .findFirst()
            .map(patient -> gathered(patient, plans.alreadyAuthorised(number),
                    screening.alreadyAuthorised(number, MAX_INVITATIONS)));
    }

    private PatientFile gathered(Patient patient, List<CancerPlan> planList, List<ScreeningInvitation> invitations) {
        List<String> leadIds = planList.stream()
            .flatMap(plan -> plan.getLeadHistory().stream())
            .map(LeadAssignmentRecord::leadId)
            .distinct()
            .toList();
        List<AskedAssessment> asked = assessments.alreadyAuthorised(patient.nhsNumber())
            .stream()
            .flatMap(assessment -> assessments.asked(assessment)
                .map(questionnaire -> new AskedAssessment(assessment, questionnaire))
                .stream())
            .toList();
        return new PatientFile(patient, planList, leads.byIds(leadIds), invitations, asked,
                tasks.alreadyAuthorised(patient.nhsNumber()));
    }

}
