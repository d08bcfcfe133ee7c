package org.cancerplan.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.SteppedClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.test.context.TestPropertySource;

/**
 * Care after treatment as days pass, on a clock the test moves: the edges of the
 * patient-initiated follow-up window, an assessment a week overdue, and a submission the
 * service stopped in the middle of.
 */
@Import(CareAfterTreatmentOverTimeTest.Days.class)
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false" })
class CareAfterTreatmentOverTimeTest extends IsolatedStoreTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Days {

        @Bean
        @Primary
        SteppedClock steppedClock() {
            return new SteppedClock(Instant.now());
        }

    }

    @Autowired
    SteppedClock clock;

    @Autowired
    AssessmentSweep sweep;

    @Autowired
    MongoTemplate mongo;

    private AfterTreatment patient;

    @BeforeEach
    void aPatientAtTheEndOfTreatment() {
        patient = new AfterTreatment(graphql);
    }

    @Test
    void followUpCanBeRequestedOnTheLastDayOfTheWindowAndNotTheDayAfter() {
        patient.issueSummary(today());

        Response lastDay = patient.requestFollowUp(patient.patient, "WORRY", "last-day");
        boolean openOnTheLastDay = canRequest();
        clock.advance(Duration.ofDays(1));
        Response dayAfter = patient.requestFollowUp(patient.patient, "WORRY", "day-after");

        lastDay.path("requestFollowUp.errors").entityList(Object.class).hasSize(0);
        assertThat(openOnTheLastDay).isTrue();
        dayAfter.path("requestFollowUp.errors[0].code")
            .entity(String.class)
            .isEqualTo("FOLLOW_UP_NOT_AVAILABLE")
            .path("requestFollowUp.errors[0].message")
            .entity(String.class)
            .satisfies(message -> assertThat(message).contains("ended on " + today().minusDays(1)));
        assertThat(canRequest()).isFalse();
    }

    @Test
    void anAssessmentUnansweredAWeekAfterItsDueDateRaisesOneTask() {
        String assessmentId = dueAssessmentIds().get(0);
        LocalDate dueBy = LocalDate.parse(as(patient.patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.assessmentsDue[0].dueBy")
            .entity(String.class)
            .get());

        clock.advance(Duration.ofDays(dueBy.toEpochDay() - today().toEpochDay() + 6));
        sweep.run();
        List<Map<String, Object>> sixDaysLate = tasksOfPlan();
        clock.advance(Duration.ofDays(1));
        Object revisionBefore = revisionOf(assessmentId);
        AssessmentSweep.Run sevenDaysLate = sweep.run();
        sweep.run();

        assertThat(sixDaysLate).isEmpty();
        // the flag is set without a new version, so a submission racing the sweep still
        // wins
        assertThat(revisionOf(assessmentId)).isEqualTo(revisionBefore);
        assertThat(sevenDaysLate.overdue()).isPositive();
        List<Map<String, Object>> tasks = tasksOfPlan();
        assertThat(tasks).singleElement()
            .satisfies(task -> assertThat(task).containsEntry("kind", "ASSESSMENT_OVERDUE")
                .containsEntry("assignedOrganisation", patient.plans.organisation));
        assertThat(dueAssessmentIds()).containsExactly(assessmentId);
    }

    @Test
    void aSubmissionTheServiceStoppedInIsFinishedByTheSweepOnce() {
        String assessmentId = dueAssessmentIds().get(0);
        // the state a stop right after the submission's save leaves: answered, nothing
        // raised yet
        mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(assessmentId))),
                Update.update("status", "SUBMITTED")
                    .set("submittedAt", clock.instant())
                    .set("followThroughPending", true)
                    .set("answers",
                            List.of(new Document("itemId", "pain").append("score", 9)
                                .append("wantsToDiscuss", false)
                                .append("concern", true))),
                "assessments");

        AssessmentSweep.Run tooSoon = sweep.run();
        clock.advance(Duration.ofMinutes(2));
        AssessmentSweep.Run finished = sweep.run();
        AssessmentSweep.Run again = sweep.run();

        assertThat(tooSoon.finished()).isZero();
        assertThat(finished.finished()).isEqualTo(1);
        assertThat(again.finished()).isZero();
        assertThat(tasksOfPlan()).singleElement()
            .satisfies(task -> assertThat(task).containsEntry("kind", "PATIENT_REPORTED_CONCERN")
                .containsEntry("priority", "HIGH"));
        as(patient.plans.staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { "
                    + "needs { concern severity reportedBy } } } }")
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.cancerPlan.needs[*].concern")
            .entityList(String.class)
            .containsExactly("Pain or discomfort");
    }

    private Object revisionOf(String assessmentId) {
        return mongo.findById(new ObjectId(assessmentId), Document.class, "assessments").get("revision");
    }

    private LocalDate today() {
        return LocalDate.now((Clock) clock);
    }

    private boolean canRequest() {
        return as(patient.patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.cancerPlan.followUp.canRequestFollowUp")
            .entity(Boolean.class)
            .get();
    }

    private List<String> dueAssessmentIds() {
        return as(patient.patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.assessmentsDue[*].id")
            .entityList(String.class)
            .get();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> tasksOfPlan() {
        return (List<Map<String, Object>>) (List<?>) patient.tasksOfPlan(patient.plans.staff)
            .path("patient.cancerPlan.tasks")
            .entityList(Map.class)
            .get();
    }

}
