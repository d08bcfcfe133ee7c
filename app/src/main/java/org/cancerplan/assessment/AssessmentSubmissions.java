package org.cancerplan.assessment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cancerplan.assessment.AssessmentInputs.AnswerInput;
import org.cancerplan.assessment.AssessmentInputs.AssessmentPayload;
import org.cancerplan.assessment.AssessmentInputs.DeclineAssessmentInput;
import org.cancerplan.assessment.AssessmentInputs.SubmitAssessmentInput;
import org.cancerplan.assessment.AssessmentParts.Answer;
import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.cancerplan.assessment.Questionnaire.Item;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.ConcurrentWrites;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.cancerplan.task.NewTask;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.cancerplan.task.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The patient's answers: checked against the questionnaire version they were asked, saved
 * in one write; answers at or over an item's threshold become needs on the plan, marked
 * as reported by the patient, and one task for the plan's lead. A patient may also
 * decline an assessment (the national dataset records it). Once per
 * {@code clientMutationId}; audited for the patient.
 */
@Service
class AssessmentSubmissions {

    static final String SUBMITTED = "ASSESSMENT_SUBMITTED";

    static final String DECLINED = "ASSESSMENT_DECLINED";

    static final int MAX_TEXT = 1000;

    /** A score of this share of its range or more makes the task high priority. */
    private static final double HIGH_SHARE = 0.8;

    private static final Logger log = LoggerFactory.getLogger(AssessmentSubmissions.class);

    private final AssessmentRepository assessments;

    private final Questionnaires questionnaires;

    private final PlanService plans;

    private final Tasks tasks;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final Clock clock;

    AssessmentSubmissions(AssessmentRepository assessments, Questionnaires questionnaires, PlanService plans,
            Tasks tasks, AuditLog audit, IdempotentMutations idempotency, Clock clock) {
        this.assessments = assessments;
        this.questionnaires = questionnaires;
        this.plans = plans;
        this.tasks = tasks;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    AssessmentPayload submit(Caller caller, SubmitAssessmentInput input) {
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "submitAssessment", cmid, AssessmentPayload.class,
                () -> ownAssessment(caller, input.assessmentId(), SUBMITTED, cmid, assessment -> {
                    Questionnaire asked = questionnaires
                        .find(assessment.getQuestionnaireId(), assessment.getQuestionnaireVersion())
                        .orElseThrow(() -> new IllegalStateException("Questionnaire " + assessment.getQuestionnaireId()
                                + " v" + assessment.getQuestionnaireVersion() + " is no longer loaded"));
                    List<UserError> errors = new ArrayList<>();
                    List<Answer> answers = answers(asked, input.answers(), errors);
                    if (!errors.isEmpty()) {
                        return AssessmentPayload.failed(errors, cmid);
                    }
                    assessment.submit(answers, clock.instant());
                    Optional<AssessmentPayload> saved = save(assessment, cmid);
                    if (saved.isPresent()) {
                        return saved.get();
                    }
                    try {
                        followThrough(assessment, caller);
                    }
                    catch (RuntimeException failure) {
                        log.warn("Assessment {} is saved; recording its concerns failed and the sweep will finish it",
                                assessment.getId(), failure);
                    }
                    return AssessmentPayload.of(assessment, cmid);
                }), error -> AssessmentPayload.failed(error, cmid));
    }

    AssessmentPayload decline(Caller caller, DeclineAssessmentInput input) {
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "declineAssessment", cmid, AssessmentPayload.class,
                () -> ownAssessment(caller, input.assessmentId(), DECLINED, cmid, assessment -> {
                    assessment.decline(clock.instant());
                    return save(assessment, cmid).orElseGet(() -> AssessmentPayload.of(assessment, cmid));
                }), error -> AssessmentPayload.failed(error, cmid));
    }

    private interface Change {

        AssessmentPayload apply(Assessment assessment);

    }

    /**
     * The patient's own assessment, still to be answered; another patient's is answered
     * as one that does not exist.
     */
    private AssessmentPayload ownAssessment(Caller caller, String assessmentId, String action, String cmid,
            Change change) {
        Optional<Assessment> found = assessmentId == null ? Optional.empty() : assessments.findById(assessmentId);
        try {
            Access.requireClinicallyProofedPatient(caller);
        }
        catch (AccessDeniedException notAProofedPatient) {
            found.ifPresent(
                    assessment -> audit.record(caller, assessment.getPatientNhsNumber(), action, AuditOutcome.DENIED));
            throw notAProofedPatient;
        }
        if (found.isEmpty()) {
            return notFound(cmid);
        }
        Assessment assessment = found.get();
        try {
            audit.allowChange(caller, assessment.getPatientNhsNumber(), action, () -> {
                if (!caller.nhsNumber().equals(assessment.getPatientNhsNumber())) {
                    throw new AccessDeniedException("Patients answer only their own assessments");
                }
            });
        }
        catch (AccessDeniedException anotherPatients) {
            return notFound(cmid);
        }
        if (assessment.getStatus() != AssessmentStatus.REQUESTED) {
            return AssessmentPayload.failed(UserError.of("ASSESSMENT_CLOSED", "assessmentId",
                    "This assessment is " + assessment.getStatus().name().toLowerCase() + " already"), cmid);
        }
        return change.apply(assessment);
    }

    /** Empty when saved; a refusal when another submission got there first. */
    private Optional<AssessmentPayload> save(Assessment assessment, String cmid) {
        try {
            assessments.save(assessment);
            return Optional.empty();
        }
        catch (OptimisticLockingFailureException answeredMeanwhile) {
            return Optional.of(AssessmentPayload.failed(UserError.of("ASSESSMENT_CLOSED", "assessmentId",
                    "This assessment was answered or declined meanwhile"), cmid));
        }
    }

    private static List<Answer> answers(Questionnaire asked, List<AnswerInput> inputs, List<UserError> errors) {
        if (inputs == null || inputs.isEmpty()) {
            errors.add(UserError.of("REQUIRED", "answers", "Answer at least one question"));
            return List.of();
        }
        List<Answer> answers = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            AnswerInput input = inputs.get(i);
            String path = "answers[" + i + "]";
            Optional<Item> item = asked.items().stream().filter(it -> it.id().equals(input.itemId())).findFirst();
            if (item.isEmpty()) {
                errors.add(UserError.of("UNKNOWN_ITEM", path + ".itemId",
                        "No question " + input.itemId() + " in " + asked.id() + " version " + asked.version()));
            }
            else if (!answered.add(input.itemId())) {
                errors.add(UserError.of("DUPLICATE_ANSWER", path + ".itemId", input.itemId() + " is answered twice"));
            }
            else {
                answer(item.get(), input, path, errors).ifPresent(answers::add);
            }
        }
        return answers;
    }

    private static Optional<Answer> answer(Item item, AnswerInput input, String path, List<UserError> errors) {
        int before = errors.size();
        String expected = switch (item.answerKind()) {
            case SCORE -> "score";
            case YES_NO -> "yes";
            case CHOICE -> "choice";
            case TEXT -> "text";
        };
        notApplicable(input.score() != null && !expected.equals("score"), path + ".score", errors);
        notApplicable(input.yes() != null && !expected.equals("yes"), path + ".yes", errors);
        notApplicable(input.choice() != null && !expected.equals("choice"), path + ".choice", errors);
        notApplicable(input.text() != null && !expected.equals("text"), path + ".text", errors);
        boolean concern = switch (item.answerKind()) {
            case SCORE -> {
                if (input.score() == null) {
                    errors.add(UserError.of("REQUIRED", path + ".score", item.id() + " is answered with a score"));
                    yield false;
                }
                if (input.score() < item.minScore() || input.score() > item.maxScore()) {
                    errors.add(UserError.of("OUT_OF_RANGE", path + ".score",
                            item.id() + " is scored " + item.minScore() + " to " + item.maxScore()));
                    yield false;
                }
                yield item.concernAt() != null && input.score() >= item.concernAt();
            }
            case YES_NO -> {
                if (input.yes() == null) {
                    errors.add(UserError.of("REQUIRED", path + ".yes", item.id() + " is answered yes or no"));
                    yield false;
                }
                yield item.concernOptions().contains(input.yes() ? "YES" : "NO");
            }
            case CHOICE -> {
                if (input.choice() == null || item.options().stream().noneMatch(o -> o.code().equals(input.choice()))) {
                    errors.add(UserError.of("UNKNOWN_OPTION", path + ".choice", item.id() + " is answered with one of "
                            + item.options().stream().map(Questionnaire.Option::code).toList()));
                    yield false;
                }
                yield item.concernOptions().contains(input.choice());
            }
            case TEXT -> {
                UserError problem = Texts.problem(input.text(), path + ".text", MAX_TEXT, true);
                if (problem != null) {
                    errors.add(problem);
                }
                yield false;
            }
        };
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Answer(item.id(), input.score(), input.yes(), input.choice(),
                input.text() == null ? null : input.text().strip(), Boolean.TRUE.equals(input.wantsToDiscuss()),
                concern));
    }

    private static void notApplicable(boolean given, String field, List<UserError> errors) {
        if (given) {
            errors.add(UserError.of("NOT_APPLICABLE", field, "This question takes another kind of answer"));
        }
    }

    /**
     * Records what a submission with concerns raises, once each: the needs on the plan
     * and a task; then marks the submission done. The sweep calls it again for a
     * submission whose first try stopped.
     */
    void followThrough(Assessment submitted, Caller by) {
        Questionnaire asked = questionnaires.find(submitted.getQuestionnaireId(), submitted.getQuestionnaireVersion())
            .orElseThrow();
        LocalDate today = LocalDate.now(clock);
        List<Need> needs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        boolean high = false;
        for (Answer answer : submitted.getAnswers()) {
            if (!answer.concern()) {
                continue;
            }
            Item item = asked.items().stream().filter(it -> it.id().equals(answer.itemId())).findFirst().orElseThrow();
            int severity = severity(item, answer);
            high |= severity >= HIGH_SHARE * 10 || answer.wantsToDiscuss();
            needs.add(Need.reportedByThePatient(item.domain(), item.text(), severity, today, submitted.getId()));
            described
                .add(item.text() + " (" + describe(answer) + (answer.wantsToDiscuss() ? ", wants to talk" : "") + ")");
        }
        if (!needs.isEmpty()) {
            plans.recordReportedNeeds(by, submitted.getPlanId(), submitted.getId(), needs);
            CancerPlan plan = plans.forCheck(submitted.getPlanId()).orElseThrow();
            TaskPriority priority = high ? TaskPriority.HIGH : TaskPriority.ROUTINE;
            tasks.raise(
                    new NewTask("concerns:" + submitted.getId(), TaskKind.PATIENT_REPORTED_CONCERN, priority,
                            "The patient reported " + needs.size() + (needs.size() == 1 ? " concern" : " concerns")
                                    + " in " + asked.title().split(":")[0] + ": " + String.join("; ", described),
                            today.plusDays(high ? 2 : 5), submitted.getPatientNhsNumber(), submitted.getPlanId(), null),
                    plan, by);
        }
        ConcurrentWrites.retried(() -> {
            Assessment current = assessments.findById(submitted.getId()).orElseThrow();
            current.followedThrough();
            return assessments.save(current);
        });
    }

    /** A score on the needs' 0-10 scale; a yes or an option of concern counts 5. */
    private static int severity(Item item, Answer answer) {
        if (answer.score() == null) {
            return 5;
        }
        int range = item.maxScore() - item.minScore();
        return range <= 0 ? 10 : Math.round(10f * (answer.score() - item.minScore()) / range);
    }

    private static String describe(Answer answer) {
        if (answer.score() != null) {
            return "scored " + answer.score();
        }
        if (answer.yes() != null) {
            return answer.yes() ? "yes" : "no";
        }
        return answer.choice();
    }

    private static AssessmentPayload notFound(String cmid) {
        return AssessmentPayload.failed(UserError.of("NOT_FOUND", "assessmentId", "No such assessment"), cmid);
    }

}
