package org.cancerplan.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cancerplan.assessment.AssessmentInputs.AssessmentPayload;
import org.cancerplan.assessment.AssessmentInputs.DeclineAssessmentInput;
import org.cancerplan.assessment.AssessmentInputs.RequestAssessmentInput;
import org.cancerplan.assessment.AssessmentInputs.SubmitAssessmentInput;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.CareOffer;
import org.cancerplan.plan.PlanParts.CareOfferStatus;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.England;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class AssessmentController {

    static final String DUE_READ = "ASSESSMENTS_DUE_READ";

    private final AssessmentRepository assessments;

    private final Questionnaires questionnaires;

    private final AssessmentRequests requests;

    private final AssessmentSubmissions submissions;

    private final AuditLog audit;

    private final PersonalisedCareReport report;

    AssessmentController(AssessmentRepository assessments, Questionnaires questionnaires, AssessmentRequests requests,
            AssessmentSubmissions submissions, AuditLog audit, PersonalisedCareReport report) {
        this.report = report;
        this.assessments = assessments;
        this.questionnaires = questionnaires;
        this.requests = requests;
        this.submissions = submissions;
        this.audit = audit;
    }

    @SchemaMapping(typeName = "Patient")
    List<Assessment> assessmentsDue(Patient patient, @AuthenticationPrincipal Caller caller) {
        return audit.auditedRead(caller, patient.nhsNumber(), DUE_READ,
                () -> Access.requireOwnClinicalRecord(caller, patient.nhsNumber()),
                () -> assessments.findByPatientNhsNumberAndStatusOrderByDueByAsc(patient.nhsNumber(),
                        AssessmentParts.AssessmentStatus.REQUESTED));
    }

    /**
     * The plan was read (and audited) by whoever may see it; its assessments come with
     * it.
     */
    @SchemaMapping(typeName = "CancerPlan")
    List<Assessment> assessments(CancerPlan plan) {
        return assessments.findByPlanIdOrderByRequestedAtDesc(plan.getId());
    }

    /**
     * The plan's holistic needs assessments as the national cancer dataset records
     * offers.
     */
    @SchemaMapping(typeName = "CancerPlan")
    List<CareOffer> holisticNeedsAssessments(CancerPlan plan) {
        return assessments.findByPlanIdOrderByRequestedAtDesc(plan.getId())
            .stream()
            .filter(Assessment::isHolisticNeedsAssessment)
            .map(AssessmentController::offer)
            .toList();
    }

    private static CareOffer offer(Assessment assessment) {
        LocalDate offeredOn = day(assessment.getRequestedAt());
        return switch (assessment.getStatus()) {
            case REQUESTED -> new CareOffer(CareOfferStatus.OFFERED, offeredOn, null, assessment.getRequestedBy());
            case SUBMITTED -> new CareOffer(CareOfferStatus.ACCEPTED, offeredOn, day(assessment.getSubmittedAt()),
                    assessment.getRequestedBy());
            case DECLINED -> new CareOffer(CareOfferStatus.DECLINED, offeredOn, day(assessment.getDeclinedAt()),
                    assessment.getRequestedBy());
        };
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, England.ZONE);
    }

    @QueryMapping
    List<PersonalisedCareReport.Counts> personalisedCare(@AuthenticationPrincipal Caller caller,
            @Argument String organisation, @Argument LocalDate from, @Argument LocalDate to) {
        return report.report(caller, organisation, from, to);
    }

    @SchemaMapping(typeName = "Assessment")
    Questionnaire questionnaire(Assessment assessment) {
        return questionnaires.find(assessment.getQuestionnaireId(), assessment.getQuestionnaireVersion())
            .orElseThrow(() -> new IllegalStateException("Questionnaire " + assessment.getQuestionnaireId() + " v"
                    + assessment.getQuestionnaireVersion() + " is no longer loaded"));
    }

    @QueryMapping(name = "questionnaires")
    List<Questionnaire> allQuestionnaires(@AuthenticationPrincipal Caller caller) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL);
        return questionnaires.all();
    }

    @MutationMapping
    AssessmentPayload requestAssessment(@AuthenticationPrincipal Caller caller,
            @Argument RequestAssessmentInput input) {
        return requests.request(caller, input);
    }

    @MutationMapping
    AssessmentPayload submitAssessment(@AuthenticationPrincipal Caller caller, @Argument SubmitAssessmentInput input) {
        return submissions.submit(caller, input);
    }

    @MutationMapping
    AssessmentPayload declineAssessment(@AuthenticationPrincipal Caller caller,
            @Argument DeclineAssessmentInput input) {
        return submissions.decline(caller, input);
    }

}
