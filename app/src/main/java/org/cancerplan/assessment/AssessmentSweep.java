package org.cancerplan.assessment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.task.NewTask;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.cancerplan.task.Tasks;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Now and then: an assessment unanswered seven days (by default) after its due date
 * raises a task for the plan's lead, once; a submission whose needs and task were not all
 * recorded (the service stopped in between) is finished.
 */
@Component
public class AssessmentSweep {

    static final Caller SWEEP = Caller.support("assessment-sweep");

    /** A submission younger than this may still be finishing in its own request. */
    private static final Duration SETTLING = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AssessmentSweep.class);

    private final MongoTemplate mongo;

    private final AssessmentSubmissions submissions;

    private final PlanService plans;

    private final Tasks tasks;

    private final AssessmentSettings settings;

    private final Clock clock;

    AssessmentSweep(MongoTemplate mongo, AssessmentSubmissions submissions, PlanService plans, Tasks tasks,
            AssessmentSettings settings, Clock clock) {
        this.mongo = mongo;
        this.submissions = submissions;
        this.plans = plans;
        this.tasks = tasks;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int overdue, int finished) {
    }

    @Scheduled(
            fixedDelayString = "${cancerplan.assessments.sweep-interval:" + AssessmentSettings.DEFAULT_SWEEP_INTERVAL
                    + "}",
            initialDelayString = "${cancerplan.assessments.sweep-interval:" + AssessmentSettings.DEFAULT_SWEEP_INTERVAL
                    + "}")
    void scheduled() {
        Run run = run();
        if (run.overdue() + run.finished() > 0) {
            log.info("Assessment sweep: {} overdue tasks raised, {} submissions finished", run.overdue(),
                    run.finished());
        }
    }

    public Run run() {
        LocalDate lateFrom = LocalDate.now(clock).minusDays(settings.overdueAfter().toDays());
        int overdue = 0;
        for (Assessment late : mongo.find(Query.query(Criteria.where("status")
            .is(AssessmentStatus.REQUESTED)
            .and("dueBy")
            .lte(lateFrom)
            .and("overdueTaskRaised")
            .is(false)), Assessment.class)) {
            if (each(late, "raise the overdue task of", () -> raiseOverdue(late))) {
                overdue++;
            }
        }
        Instant settled = clock.instant().minus(SETTLING);
        int finished = 0;
        for (Assessment pending : mongo.find(
                Query.query(Criteria.where("followThroughPending").is(true).and("submittedAt").lt(settled)),
                Assessment.class)) {
            if (each(pending, "finish the submission of", () -> submissions.followThrough(pending, SWEEP))) {
                finished++;
            }
        }
        return new Run(overdue, finished);
    }

    /** One assessment's step; a failure is logged and the sweep goes on with the next. */
    private static boolean each(Assessment assessment, String what, Runnable step) {
        try {
            step.run();
            return true;
        }
        catch (RuntimeException failure) {
            log.warn("Assessment sweep: could not {} assessment {}; the next sweep tries again", what,
                    assessment.getId(), failure);
            return false;
        }
    }

    private void raiseOverdue(Assessment late) {
        plans.forCheck(late.getPlanId())
            .ifPresent(plan -> tasks.raise(
                    new NewTask("overdue:" + late.getId(), TaskKind.ASSESSMENT_OVERDUE, TaskPriority.ROUTINE,
                            "An assessment (" + late.getQuestionnaireId() + ") was due on " + late.getDueBy()
                                    + " and is not answered: ask the patient whether they want help with it",
                            LocalDate.now(clock).plusDays(5), late.getPatientNhsNumber(), late.getPlanId(), null),
                    plan, SWEEP));
        // by collection name, so the version stays: a submission racing the sweep still
        // wins
        mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(late.getId()))),
                Update.update("overdueTaskRaised", true), mongo.getCollectionName(Assessment.class));
    }

}
