package org.cancerplan.assessment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.cancerplan.assessment.AssessmentInputs.AssessmentPayload;
import org.cancerplan.assessment.AssessmentInputs.RequestAssessmentInput;
import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanActivated;
import org.cancerplan.plan.PlanService;
import org.cancerplan.plan.PlanStatus;
import org.cancerplan.plan.TreatmentSummaryIssued;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Asking the patient to fill in a questionnaire by a date: staff in the patient's care
 * ask ({@code requestAssessment}), and the schedule asks when a plan is first active (at
 * diagnosis) and when a treatment summary is issued (at the end of treatment). Each
 * request is audited for the patient.
 */
@Service
class AssessmentRequests {

    static final String REQUESTED = "ASSESSMENT_REQUESTED";

    static final Caller SCHEDULE = Caller.support("assessment-schedule");

    private static final Logger log = LoggerFactory.getLogger(AssessmentRequests.class);

    private final AssessmentRepository assessments;

    private final Questionnaires questionnaires;

    private final PlanService plans;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final AssessmentSettings settings;

    private final Clock clock;

    AssessmentRequests(AssessmentRepository assessments, Questionnaires questionnaires, PlanService plans,
            AuditLog audit, IdempotentMutations idempotency, AssessmentSettings settings, Clock clock) {
        this.assessments = assessments;
        this.questionnaires = questionnaires;
        this.plans = plans;
        this.audit = audit;
        this.idempotency = idempotency;
        this.settings = settings;
        this.clock = clock;
    }

    AssessmentPayload request(Caller caller, RequestAssessmentInput input) {
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "requestAssessment", cmid, AssessmentPayload.class, () -> {
            Optional<CancerPlan> plan = plans.forCheck(input.planId());
            if (caller == null || !(caller.is(CallerKind.STAFF) || caller.is(CallerKind.SUPPORT))) {
                plan.ifPresent(
                        found -> audit.record(caller, found.getPatientNhsNumber(), REQUESTED, AuditOutcome.DENIED));
                throw new AccessDeniedException("Staff in the patient's care ask for assessments");
            }
            if (plan.isEmpty()) {
                return AssessmentPayload.failed(UserError.of("NOT_FOUND", "planId", "No such plan"), cmid);
            }
            audit.allowChange(caller, plan.get().getPatientNhsNumber(), REQUESTED,
                    () -> plans.requireInCareOrAdmin(caller, plan.get()));
            return requested(caller, plan.get(), input);
        }, error -> AssessmentPayload.failed(error, cmid));
    }

    private AssessmentPayload requested(Caller caller, CancerPlan plan, RequestAssessmentInput input) {
        String cmid = input.clientMutationId();
        LocalDate today = LocalDate.now(clock);
        if (plan.getStatus() == PlanStatus.DRAFT || plan.getStatus() == PlanStatus.REVOKED) {
            return AssessmentPayload.failed(
                    UserError.of("PLAN_NOT_ACTIVE", "planId",
                            "Assessments are asked on a plan the patient can see; this one is " + plan.getStatus()),
                    cmid);
        }
        Optional<Questionnaire> questionnaire = Optional.ofNullable(input.questionnaireId())
            .flatMap(questionnaires::latest);
        if (questionnaire.isEmpty()) {
            return AssessmentPayload.failed(UserError.of("NOT_FOUND", "questionnaireId",
                    "No such questionnaire; `./ops/admin questionnaires list` shows them"), cmid);
        }
        if (input.dueBy() == null || input.dueBy().isBefore(today)) {
            return AssessmentPayload.failed(UserError.of(input.dueBy() == null ? "REQUIRED" : "DATE_IN_PAST", "dueBy",
                    "The patient needs a due date of today or later"), cmid);
        }
        if (input.dueBy().isAfter(today.plusYears(1))) {
            return AssessmentPayload.failed(UserError.of("TOO_FAR_AHEAD", "dueBy", "At most a year ahead"), cmid);
        }
        if (assessments.existsByPlanIdAndQuestionnaireIdAndStatus(plan.getId(), questionnaire.get().id(),
                AssessmentStatus.REQUESTED)) {
            return AssessmentPayload.failed(UserError.of("ALREADY_REQUESTED", "questionnaireId",
                    "The patient has this questionnaire to fill in already"), cmid);
        }
        return AssessmentPayload.of(save(Assessment.requested("request:" + new ObjectId(), plan.getId(),
                plan.getPatientNhsNumber(), questionnaire.get(), input.dueBy(), caller, clock.instant())), cmid);
    }

    /**
     * At diagnosis: nothing can have been asked on the plan before it is first active, so
     * only the source, unique, guards against asking twice.
     */
    @EventListener
    void planActivated(PlanActivated activated) {
        settings.scheduledAtDiagnosis()
            .flatMap(this::scheduled)
            .ifPresent(questionnaire -> schedule("schedule:diagnosis:" + activated.planId(), activated.planId(),
                    activated.patientNhsNumber(), questionnaire));
    }

    /**
     * At the end of treatment, once (a summary issued again asks nothing more), unless
     * the patient has the questionnaire open already.
     */
    @EventListener
    void summaryIssued(TreatmentSummaryIssued issued) {
        String source = "schedule:end-of-treatment:" + issued.planId();
        settings.scheduledAtEndOfTreatment()
            .flatMap(this::scheduled)
            .filter(questionnaire -> !assessments.existsBySourceOrPlanIdAndQuestionnaireIdAndStatus(source,
                    issued.planId(), questionnaire.id(), AssessmentStatus.REQUESTED))
            .ifPresent(questionnaire -> schedule(source, issued.planId(), issued.patientNhsNumber(), questionnaire));
    }

    private Optional<Questionnaire> scheduled(String questionnaireId) {
        Optional<Questionnaire> questionnaire = questionnaires.latest(questionnaireId);
        if (questionnaire.isEmpty()) {
            log.warn("The scheduled questionnaire {} does not exist; set cancerplan.assessments to one that "
                    + "`./ops/admin questionnaires list` shows", questionnaireId);
        }
        return questionnaire;
    }

    private void schedule(String source, String planId, String patientNhsNumber, Questionnaire questionnaire) {
        audit.record(SCHEDULE, patientNhsNumber, REQUESTED, AuditOutcome.ALLOWED);
        save(Assessment.requested(source, planId, patientNhsNumber, questionnaire,
                LocalDate.now(clock).plusDays(settings.dueWithin().toDays()), SCHEDULE, clock.instant()));
    }

    private Assessment save(Assessment assessment) {
        try {
            return assessments.save(assessment);
        }
        catch (DuplicateKeyException askedMeanwhile) {
            return assessments.findBySource(assessment.getSource()).orElseThrow(() -> askedMeanwhile);
        }
    }

}
