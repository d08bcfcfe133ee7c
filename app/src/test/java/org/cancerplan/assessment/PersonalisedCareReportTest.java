package org.cancerplan.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.shared.England;
import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.cancerplan.support.SteppedClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * The personalised care report per organisation (HNAs, care and support plans, summaries,
 * follow-up requests and how fast they were picked up, overdue tasks), who may read it,
 * and recording the care and support plan it counts, on a clock the test moves.
 */
@Import(PersonalisedCareReportTest.Hours.class)
@TestPropertySource(properties = { "cancerplan.graphql.trusted-documents=off", "cancerplan.rate-limit.enabled=false",
        "cancerplan.reports.max-age=0s" })
class PersonalisedCareReportTest extends IsolatedStoreTest {

    private static final String REPORT = "query($organisation: String, $from: Date!, $to: Date!) { "
            + "personalisedCare(organisation: $organisation, from: $from, to: $to) { organisation hnaOffered "
            + "hnaCompleted hnaDeclined carePlansOffered carePlansAccepted carePlansDeclined summariesIssued "
            + "followUpRequests followUpRequestsPickedUp medianHoursToPickUp overdueTasks } }";

    private static final String RECORD = "mutation($input: RecordCareAndSupportPlanInput!) { "
            + "recordCareAndSupportPlan(input: $input) { plan { version careAndSupportPlan { status offeredOn "
            + "respondedOn recordedBy } } errors { code field } clientMutationId } }";

    private static final String PLAN = "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { version "
            + "careAndSupportPlan { status offeredOn respondedOn recordedBy } "
            + "holisticNeedsAssessments { status offeredOn respondedOn } } } }";

    private static final String DECLINE = "mutation($input: DeclineAssessmentInput!) { declineAssessment(input: $input) { "
            + "assessment { status } errors { code } } }";

    @TestConfiguration(proxyBeanMethods = false)
    static class Hours {

        @Bean
        @Primary
        SteppedClock steppedClock() {
            return new SteppedClock(LocalDate.now(England.ZONE).atTime(8, 0).atZone(England.ZONE).toInstant());
        }

    }

    record Row(String organisation, int hnaOffered, int hnaCompleted, int hnaDeclined, int carePlansOffered,
            int carePlansAccepted, int carePlansDeclined, int summariesIssued, int followUpRequests,
            int followUpRequestsPickedUp, Double medianHoursToPickUp, int overdueTasks) {
    }

    record Problem(String code, String field) {
    }

    record Offer(String status, String offeredOn, String respondedOn, String recordedBy) {
    }

    record Plan(long version, Offer careAndSupportPlan, List<Offer> holisticNeedsAssessments) {
    }

    @Autowired
    SteppedClock clock;

    @Test
    void anOrganisationsCountsCoverItsHnasCarePlansSummariesFollowUpRequestsAndOverdueTasks() {
        LocalDate day = today();
        AfterTreatment first = new AfterTreatment(graphql);
        String organisation = first.plans.organisation;
        String staff = first.plans.staff;
        AfterTreatment second = new AfterTreatment(graphql, first.plans);
        String secondNhsNumber = second.nhsNumber;
        String secondPlanId = second.planId;
        String secondPatient = second.patient;

        as(first.patient).documentName("patient-app/SubmitAssessment")
            .variable("input", contractAnswers(dueAssessment(first.patient)))
            .execute()
            .path("submitAssessment.assessment.status")
            .entity(String.class)
            .isEqualTo("SUBMITTED");
        decline(secondPatient, dueAssessment(secondPatient)).path("declineAssessment.assessment.status")
            .entity(String.class)
            .isEqualTo("DECLINED");
        first.version = version(staff, first.nhsNumber);
        first.issueSummary(day.plusMonths(6));
        issueSummary(staff, secondPlanId, version(staff, secondNhsNumber), day.plusMonths(6));
        assertNoErrors(
                recordCarePlan(staff, carePlan(first.planId, version(staff, first.nhsNumber), "OFFERED", day, null)));
        assertNoErrors(recordCarePlan(staff,
                carePlan(secondPlanId, version(staff, secondNhsNumber), "ACCEPTED", day.minusDays(1), day)));

        String question = raisedRequest(first.requestFollowUp(first.patient, "QUESTION", "question"));
        String worry = raisedRequest(first.requestFollowUp(first.patient, "WORRY", "worry"));
        String other = raisedRequest(requestFollowUp(secondPatient, secondPlanId, "OTHER"));
        raisedRequest(requestFollowUp(secondPatient, secondPlanId, "NEW_SYMPTOM"));
        clock.advance(Duration.ofHours(2));
        pickUp(first, question, 1, "IN_PROGRESS");
        clock.advance(Duration.ofHours(4));
        pickUp(first, other, 1, "DONE");
        clock.advance(Duration.ofHours(4));
        pickUp(first, worry, 1, "IN_PROGRESS");
        pickUp(first, question, 2, "DONE");
        Row onTheDay = report(staff, null, day, today()).get(0);
        clock.advance(Duration.ofDays(1));

        assertThat(onTheDay.overdueTasks()).isZero();
        assertThat(report(staff, null, day, today()))
            .containsExactly(new Row(organisation, 4, 1, 1, 1, 1, 0, 2, 4, 3, 6.0, 1));
        assertThat(report(staff, organisation, day.minusDays(1), day.minusDays(1)))
            .containsExactly(new Row(organisation, 0, 0, 0, 1, 0, 0, 0, 0, 0, null, 1));
        assertThat(report(staff, organisation, day.minusDays(40), day.minusDays(10)))
            .containsExactly(new Row(organisation, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, 1));
    }

    @Test
    void aPlanCountsForEveryOrganisationOfItsCareTeamAndNamingOneReportsThatOneAlone() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String organisation = patient.plans.organisation;
        String partner = "Q" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        patient.plans
            .update(patient.plans.staff, patient.planId, patient.version,
                    Map.of("careTeam",
                            List.of(Map.of("role", "Clinical nurse specialist", "name", "Dr Plan", "organisation",
                                    organisation),
                                    Map.of("role", "Oncologist", "name", "Dr Partner", "organisation", partner))))
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
        patient.version = version(patient.plans.staff, patient.nhsNumber);
        patient.issueSummary(today().plusMonths(6));
        assertNoErrors(recordCarePlan(patient.plans.staff, carePlan(patient.planId,
                version(patient.plans.staff, patient.nhsNumber), "DECLINED", today(), today())));
        String request = raisedRequest(patient.requestFollowUp(patient.patient, "QUESTION", "two-organisations"));
        pickUp(patient, request, 1, "IN_PROGRESS");

        List<Row> all = report(AfterTreatment.ADMIN, null, today().minusDays(1), today());
        List<Row> partnerOnly = report(AfterTreatment.ADMIN, partner, today().minusDays(1), today());

        assertThat(all).filteredOn(row -> List.of(organisation, partner).contains(row.organisation()))
            .containsExactlyInAnyOrder(new Row(organisation, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0.0, 0),
                    new Row(partner, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0.0, 0));
        assertThat(partnerOnly).containsExactly(new Row(partner, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0.0, 0));
    }

    @Test
    void clinicalStaffSeeTheirOwnOrganisationWhileAdminsAndReportingIntegrationsSeeAnyAndPatientsNone() {
        AfterTreatment patient = new AfterTreatment(graphql);
        AfterTreatment elsewhere = new AfterTreatment(graphql);
        String organisation = patient.plans.organisation;
        String reporting = IdentityProviders.integrationToken("reports:read");
        Row expected = new Row(organisation, 1, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);

        assertForbidden(query(elsewhere.plans.staff, organisation, today(), today()));
        assertThat(report(elsewhere.plans.staff, null, today(), today())).extracting(Row::organisation)
            .containsExactly(elsewhere.plans.organisation);
        assertThat(report(patient.plans.staff, organisation.toLowerCase(), today(), today())).containsExactly(expected);
        assertThat(report(AfterTreatment.ADMIN, organisation, today(), today())).containsExactly(expected);
        assertThat(report(AfterTreatment.ADMIN, null, today(), today())).contains(expected)
            .extracting(Row::organisation)
            .contains(elsewhere.plans.organisation);
        assertThat(report(reporting, organisation, today(), today())).containsExactly(expected);
        assertThat(report(reporting, null, today(), today())).contains(expected);
        assertForbidden(query(IdentityProviders.integrationToken("patients:write"), organisation, today(), today()));
        assertForbidden(query(patient.patient, null, today(), today()));
        assertForbidden(query(patient.patient, organisation, today(), today()));
    }

    @Test
    void aPeriodRunningBackwardsOrFarLongerThanAYearIsRefusedNamingTo() {
        LocalDate from = today().minusDays(400);

        assertRefusedNamingTo(query(AfterTreatment.ADMIN, null, today(), today().minusDays(1)));
        assertRefusedNamingTo(query(AfterTreatment.ADMIN, null, from, from.plusDays(367)));
        assertRefusedNamingTo(query(IdentityProviders.integrationToken("reports:read"), null, from, today()));
    }

    @Test
    void aPeriodOf366DaysCountingBothEndsIsReportedAndOneOf367IsRefused() {
        LocalDate from = today().minusDays(380);

        query(AfterTreatment.ADMIN, null, from, from.plusDays(365)).errors().verify();
        assertRefusedNamingTo(query(AfterTreatment.ADMIN, null, from, from.plusDays(366)));
    }

    @Test
    void eachInvalidCareAndSupportPlanIsRefusedWithItsFieldAndChangesNothing() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String staff = patient.plans.staff;
        long version = version(staff, patient.nhsNumber);
        LocalDate today = today();

        assertThat(problems(staff, carePlan(patient.planId, version, "OFFERED", today.plusDays(1), null)))
            .containsExactly(new Problem("DATE_IN_FUTURE", "offeredOn"));
        assertThat(problems(staff, carePlan(patient.planId, version, "ACCEPTED", today, today.plusDays(1))))
            .containsExactly(new Problem("DATE_IN_FUTURE", "respondedOn"));
        assertThat(problems(staff, carePlan(patient.planId, version, "OFFERED", today, today)))
            .containsExactly(new Problem("NOT_APPLICABLE", "respondedOn"));
        assertThat(problems(staff, carePlan(patient.planId, version, "ACCEPTED", today, null)))
            .containsExactly(new Problem("REQUIRED", "respondedOn"));
        assertThat(problems(staff, carePlan(patient.planId, version, "DECLINED", today, null)))
            .containsExactly(new Problem("REQUIRED", "respondedOn"));
        assertThat(problems(staff, carePlan(patient.planId, version, "DECLINED", today, today.minusDays(1))))
            .containsExactly(new Problem("DATE_ORDER", "respondedOn"));
        assertThat(problems(staff, carePlan(patient.planId, version - 1, "OFFERED", today, null)))
            .containsExactly(new Problem("VERSION_CONFLICT", "expectedVersion"));
        http.post().headers(headers -> {
            headers.set(HttpHeaders.ACCEPT, "application/json");
            headers.setBearerAuth(staff);
        })
            .bodyValue(Map.of("query", RECORD, "variables",
                    Map.of("input", Map.of("planId", patient.planId, "expectedVersion", version, "status", "OFFERED"))))
            .exchange()
            .expectBody()
            .jsonPath("$.errors[0].extensions.code")
            .isEqualTo("BAD_USER_INPUT")
            .jsonPath("$.errors[0].message")
            .value(String.class, message -> assertThat(message).contains("offeredOn"))
            .jsonPath("$.data.recordCareAndSupportPlan")
            .doesNotExist();

        assertThat(plan(staff, patient.nhsNumber))
            .isEqualTo(new Plan(version, null, List.of(new Offer("OFFERED", today.toString(), null, null))));
    }

    @Test
    void onlyTheCareTeamRecordsACareAndSupportPlanAndAStaleVersionOverwritesNothing() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String staff = patient.plans.staff;
        long version = version(staff, patient.nhsNumber);
        String outsider = IdentityProviders.staffToken("Dr Elsewhere", "Y99999", "R8000");
        assertNoErrors(recordCarePlan(staff, carePlan(patient.planId, version, "OFFERED", today(), null)));

        Response stale = recordCarePlan(staff, carePlan(patient.planId, version, "DECLINED", today(), today()));
        Response byOutsider = recordCarePlan(outsider,
                carePlan(patient.planId, version + 1, "DECLINED", today(), today()));
        Response byPatient = recordCarePlan(patient.patient,
                carePlan(patient.planId, version + 1, "DECLINED", today(), today()));

        stale.path("recordCareAndSupportPlan.errors")
            .entityList(Problem.class)
            .containsExactly(new Problem("VERSION_CONFLICT", "expectedVersion"))
            .path("recordCareAndSupportPlan.plan")
            .valueIsNull();
        assertForbidden(byOutsider);
        assertForbidden(byPatient);
        assertThat(plan(staff, patient.nhsNumber).careAndSupportPlan())
            .isEqualTo(new Offer("OFFERED", today().toString(), null, "Dr Plan"));
        assertThat(plan(staff, patient.nhsNumber).version()).isEqualTo(version + 1);
    }

    @Test
    void aCareAndSupportPlanOfferedThenAcceptedAndAnHnaAnsweredShowOnThePlan() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String staff = patient.plans.staff;
        LocalDate offeredOn = today().minusDays(3);
        Plan before = plan(staff, patient.nhsNumber);

        Response offered = recordCarePlan(staff,
                carePlan(patient.planId, before.version(), "OFFERED", offeredOn, null));
        Response accepted = recordCarePlan(staff,
                carePlan(patient.planId, before.version() + 1, "ACCEPTED", offeredOn, today()));
        as(patient.patient).documentName("patient-app/SubmitAssessment")
            .variable("input", contractAnswers(dueAssessment(patient.patient)))
            .execute()
            .path("submitAssessment.errors")
            .entityList(Object.class)
            .hasSize(0);
        Plan after = plan(staff, patient.nhsNumber);

        assertThat(before.careAndSupportPlan()).isNull();
        assertThat(before.holisticNeedsAssessments())
            .containsExactly(new Offer("OFFERED", today().toString(), null, null));
        offered.path("recordCareAndSupportPlan.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("recordCareAndSupportPlan.plan.version")
            .entity(Long.class)
            .isEqualTo(before.version() + 1)
            .path("recordCareAndSupportPlan.plan.careAndSupportPlan")
            .entity(Offer.class)
            .isEqualTo(new Offer("OFFERED", offeredOn.toString(), null, "Dr Plan"));
        accepted.path("recordCareAndSupportPlan.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("recordCareAndSupportPlan.plan.version")
            .entity(Long.class)
            .isEqualTo(before.version() + 2)
            .path("recordCareAndSupportPlan.plan.careAndSupportPlan")
            .entity(Offer.class)
            .isEqualTo(new Offer("ACCEPTED", offeredOn.toString(), today().toString(), "Dr Plan"));
        assertThat(after.careAndSupportPlan())
            .isEqualTo(new Offer("ACCEPTED", offeredOn.toString(), today().toString(), "Dr Plan"));
        assertThat(after.holisticNeedsAssessments())
            .containsExactly(new Offer("ACCEPTED", today().toString(), today().toString(), null));
    }

    private LocalDate today() {
        return LocalDate.now((Clock) clock);
    }

    private List<Row> report(String token, String organisation, LocalDate from, LocalDate to) {
        return query(token, organisation, from, to).path("personalisedCare").entityList(Row.class).get();
    }

    private Response query(String token, String organisation, LocalDate from, LocalDate to) {
        Map<String, Object> variables = new HashMap<>(Map.of("from", from.toString(), "to", to.toString()));
        if (organisation != null) {
            variables.put("organisation", organisation);
        }
        return as(token).document(REPORT).variables(variables).execute();
    }

    private Response recordCarePlan(String token, Map<String, Object> input) {
        return as(token).document(RECORD).variable("input", input).execute();
    }

    private List<Problem> problems(String token, Map<String, Object> input) {
        Response response = recordCarePlan(token, input);
        response.path("recordCareAndSupportPlan.plan").valueIsNull();
        return response.path("recordCareAndSupportPlan.errors").entityList(Problem.class).get();
    }

    private static Map<String, Object> carePlan(String planId, long expectedVersion, String status, LocalDate offeredOn,
            LocalDate respondedOn) {
        Map<String, Object> input = new HashMap<>(
                Map.of("planId", planId, "expectedVersion", expectedVersion, "status", status));
        if (offeredOn != null) {
            input.put("offeredOn", offeredOn.toString());
        }
        if (respondedOn != null) {
            input.put("respondedOn", respondedOn.toString());
        }
        return input;
    }

    private Plan plan(String staff, String nhsNumber) {
        return as(staff).document(PLAN)
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan")
            .entity(Plan.class)
            .get();
    }

    private long version(String staff, String nhsNumber) {
        return plan(staff, nhsNumber).version();
    }

    private String dueAssessment(String patient) {
        return as(patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.assessmentsDue[0].id")
            .entity(String.class)
            .get();
    }

    private Response decline(String patient, String assessmentId) {
        return as(patient).document(DECLINE).variable("input", Map.of("assessmentId", assessmentId)).execute();
    }

    private Response requestFollowUp(String patient, String planId, String reason) {
        return as(patient).documentName("patient-app/RequestFollowUp")
            .variable("input",
                    Map.of("planId", planId, "reason", reason, "details", "A lump near the scar since last week"))
            .execute();
    }

    private static String raisedRequest(Response response) {
        return response.path("requestFollowUp.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
    }

    private static void pickUp(AfterTreatment patient, String taskId, long expectedVersion, String status) {
        patient
            .updateTask(patient.plans.staff,
                    Map.of("taskId", taskId, "expectedVersion", expectedVersion, "status", status))
            .path("updateTask.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    @SuppressWarnings("unchecked")
    private void issueSummary(String staff, String planId, long expectedVersion, LocalDate pifuUntil) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/IssueTreatmentSummary").get("input"));
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        input.put("followUp", Map.of("kind", "PATIENT_INITIATED", "until", pifuUntil.toString()));
        input.put("clientMutationId", "eots-" + planId);
        as(staff).documentName("staff/IssueTreatmentSummary")
            .variable("input", input)
            .execute()
            .path("issueTreatmentSummary.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contractAnswers(String assessmentId) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("patient-app/SubmitAssessment").get("input"));
        input.put("assessmentId", assessmentId);
        input.remove("clientMutationId");
        return input;
    }

    private static void assertNoErrors(Response response) {
        response.path("recordCareAndSupportPlan.errors").entityList(Object.class).hasSize(0);
    }

    private static void assertForbidden(Response response) {
        assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    private static void assertRefusedNamingTo(Response response) {
        ResponseError error = firstError(response);
        assertThat(error.getExtensions()).containsEntry("classification", "BAD_REQUEST")
            .containsEntry("code", "BAD_USER_INPUT")
            .containsEntry("argument", "to");
        assertThat(response.returnResponse().field("personalisedCare").<Object>getValue()).isNull();
    }

}
