package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class TreatmentSummaryApiTest extends ApiTest {

    /** What the patient app reads of a plan after treatment (MyFollowUp's plan). */
    static final String FOLLOW_UP = "{ me { cancerPlan { id version acknowledgedVersion treatmentSummary { issuedOn "
            + "issuedBy sharedWithGpOn treatmentsGiven { modality intent startDate endDate } sideEffectsToWatch "
            + "redFlagSymptoms reaccess { description phone hours } gpActions acknowledgedAt } "
            + "followUp { kind until nextReviewOn tests { name dueOn } canRequestFollowUp } } } }";

    private static final String ISSUE = "staff/IssueTreatmentSummary";

    private PlanApi plans;

    private String nhsNumber;

    private String planId;

    @BeforeEach
    void anActivePlanWithTreatments() {
        plans = new PlanApi(graphql);
        nhsNumber = plans.registerPatient();
        planId = plans.createPlan(nhsNumber);
        plans
            .update(plans.staff, planId, 1,
                    Map.of("status", "ACTIVE", "treatments",
                            List.of(Map.of("modality", "SURGERY", "intent", "CURATIVE", "status", "COMPLETED",
                                    "startDate", "2026-06-01", "endDate", "2026-06-01"),
                                    Map.of("modality", "CHEMOTHERAPY", "intent", "ADJUVANT", "status", "COMPLETED",
                                            "startDate", "2026-07-01", "endDate", "2026-10-15"),
                                    Map.of("modality", "RADIOTHERAPY", "status", "PLANNED"))))
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void theContractOperationIssuesTheSummaryThatThePatientReadsAndAcknowledges() {
        Response issued = issue(plans.staff, contractInput(2));
        String patient = IdentityProviders.patientToken(nhsNumber);
        Response read = as(patient).document(FOLLOW_UP).execute();
        as(patient).documentName("patient-app/AcknowledgePlan")
            .variable("input", Map.of("planId", planId, "expectedVersion", 3))
            .execute()
            .path("acknowledgeCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
        Response acknowledged = as(patient).document(FOLLOW_UP).execute();

        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        issued.path("issueTreatmentSummary.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("issueTreatmentSummary.plan.version")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("issueTreatmentSummary.plan.treatmentSummary.issuedOn")
            .entity(String.class)
            .isEqualTo(today)
            .path("issueTreatmentSummary.plan.treatmentSummary.sharedWithGpOn")
            .entity(String.class)
            .isEqualTo(today)
            .path("issueTreatmentSummary.plan.followUp.kind")
            .entity(String.class)
            .isEqualTo("PATIENT_INITIATED")
            .path("issueTreatmentSummary.plan.followUp.until")
            .entity(String.class)
            .isEqualTo("2029-11-30")
            .path("issueTreatmentSummary.clientMutationId")
            .entity(String.class)
            .isEqualTo("eots-" + planId + "-2");
        read.path("me.cancerPlan.treatmentSummary.treatmentsGiven[*].modality")
            .entityList(String.class)
            .containsExactly("SURGERY", "CHEMOTHERAPY")
            .path("me.cancerPlan.treatmentSummary.treatmentsGiven[1].endDate")
            .entity(String.class)
            .isEqualTo("2026-10-15")
            .path("me.cancerPlan.treatmentSummary.issuedBy")
            .entity(String.class)
            .isEqualTo("Dr Plan")
            .path("me.cancerPlan.treatmentSummary.redFlagSymptoms")
            .entityList(String.class)
            .containsExactly("Bleeding from the back passage", "Unexplained weight loss",
                    "A lump or swelling near the scar")
            .path("me.cancerPlan.treatmentSummary.reaccess.phone")
            .entity(String.class)
            .isEqualTo("020 7946 0101")
            .path("me.cancerPlan.treatmentSummary.gpActions")
            .entityList(String.class)
            .hasSize(2)
            .path("me.cancerPlan.treatmentSummary.acknowledgedAt")
            .valueIsNull()
            .path("me.cancerPlan.followUp.tests[*].name")
            .entityList(String.class)
            .containsExactly("CEA blood test", "CT scan")
            .path("me.cancerPlan.followUp.canRequestFollowUp")
            .entity(Boolean.class)
            .isEqualTo(true);
        acknowledged.path("me.cancerPlan.treatmentSummary.acknowledgedAt")
            .entity(String.class)
            .satisfies(at -> assertThat(at).isNotBlank())
            .path("me.cancerPlan.acknowledgedVersion")
            .entity(Integer.class)
            .isEqualTo(3);
        assertThat(plans.plan(nhsNumber).history().get(1).summary())
            .isEqualTo("End-of-treatment summary issued; Patient-initiated follow-up until 2029-11-30");
    }

    @Test
    void issuingAgainReplacesTheSummaryAndAsksForANewAcknowledgement() {
        issue(plans.staff, contractInput(2));
        as(IdentityProviders.patientToken(nhsNumber)).documentName("patient-app/AcknowledgePlan")
            .variable("input", Map.of("planId", planId, "expectedVersion", 3))
            .execute();
        Map<String, Object> discharge = contractInput(4);
        discharge.put("followUp", Map.of("kind", "DISCHARGED"));
        discharge.remove("clientMutationId");

        issue(plans.staff, discharge).path("issueTreatmentSummary.errors").entityList(Object.class).hasSize(0);

        as(IdentityProviders.patientToken(nhsNumber)).document(FOLLOW_UP)
            .execute()
            .path("me.cancerPlan.treatmentSummary.acknowledgedAt")
            .valueIsNull()
            .path("me.cancerPlan.followUp.kind")
            .entity(String.class)
            .isEqualTo("DISCHARGED")
            .path("me.cancerPlan.followUp.canRequestFollowUp")
            .entity(Boolean.class)
            .isEqualTo(false);
        assertThat(plans.plan(nhsNumber).history().get(0).summary())
            .isEqualTo("End-of-treatment summary issued again; Discharged from follow-up");
    }

    @Test
    void patientInitiatedFollowUpStaysOpenToItsLastDayOnAPlanNotRevoked() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        Map<String, Object> input = contractInput(2);
        input.put("followUp", Map.of("kind", "PATIENT_INITIATED", "until", today));
        issue(plans.staff, input).path("issueTreatmentSummary.errors").entityList(Object.class).hasSize(0);
        Response open = as(IdentityProviders.patientToken(nhsNumber)).document(FOLLOW_UP).execute();
        plans.status(planId, 3, "REVOKED").path("updateCancerPlan.errors").entityList(Object.class).hasSize(0);

        open.path("me.cancerPlan.followUp.canRequestFollowUp").entity(Boolean.class).isEqualTo(true);
        as(plans.staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { status "
                    + "followUp { until canRequestFollowUp } } } }")
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan.status")
            .entity(String.class)
            .isEqualTo("REVOKED")
            .path("patient.cancerPlan.followUp.canRequestFollowUp")
            .entity(Boolean.class)
            .isEqualTo(false);
    }

    @Test
    void aRetryActsOnceAndAStaleVersionIsRefused() {
        Response first = issue(plans.staff, contractInput(2));
        Response retry = issue(plans.staff, contractInput(2));
        Map<String, Object> stale = contractInput(2);
        stale.remove("clientMutationId");

        Response refused = issue(plans.staff, stale);

        assertThat(retry.returnResponse().toMap()).isEqualTo(first.returnResponse().toMap());
        refused.path("issueTreatmentSummary.errors[0].code")
            .entity(String.class)
            .isEqualTo("VERSION_CONFLICT")
            .path("issueTreatmentSummary.plan")
            .valueIsNull();
        assertThat(plans.plan(nhsNumber).version()).isEqualTo(3);
    }

    @Test
    void eachKindOfFollowUpTakesItsOwnDatesAndABadOneChangesNothing() {
        String yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
        assertThat(followUpErrors(Map.of("kind", "PATIENT_INITIATED"))).containsExactly("REQUIRED followUp.until");
        assertThat(followUpErrors(Map.of("kind", "PATIENT_INITIATED", "until", yesterday)))
            .containsExactly("DATE_IN_PAST followUp.until");
        assertThat(followUpErrors(Map.of("kind", "SCHEDULED", "until", "2029-01-01")))
            .containsExactly("NOT_APPLICABLE followUp.until", "REQUIRED followUp.nextReviewOn");
        assertThat(followUpErrors(Map.of("kind", "SURVEILLANCE"))).containsExactly("REQUIRED followUp.tests");
        assertThat(followUpErrors(
                Map.of("kind", "DISCHARGED", "tests", List.of(Map.of("name", "CT scan", "dueOn", "2027-01-01")))))
            .containsExactly("NOT_APPLICABLE followUp.tests");
        assertThat(followUpErrors(
                Map.of("kind", "SURVEILLANCE", "tests", List.of(Map.of("name", "", "dueOn", "2027-01-01")))))
            .containsExactly("REQUIRED followUp.tests[0].name");
        assertThat(plans.plan(nhsNumber).version()).isEqualTo(2);
    }

    @Test
    void theSummaryIsCheckedLikeTheRestOfThePlan() {
        String tomorrow = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1).toString();
        Map<String, Object> input = contractInput(2);
        Map<String, Object> summary = new HashMap<>(summaryOf(input));
        summary.put("redFlagSymptoms", List.of());
        summary.put("sideEffectsToWatch", Collections.nCopies(21, "Tiredness"));
        summary.put("gpActions", List.of("x".repeat(501)));
        summary.put("reaccess", Map.of("description", "Nurses", "phone", "call us", "hours", ""));
        summary.put("sharedWithGpOn", tomorrow);
        input.put("summary", summary);
        input.remove("clientMutationId");

        Response refused = issue(plans.staff, input);

        assertThat(refused.path("issueTreatmentSummary.errors[*]").entityList(Map.class).get())
            .extracting(e -> e.get("code") + " " + e.get("field"))
            .containsExactly("TOO_MANY_ITEMS summary.sideEffectsToWatch", "REQUIRED summary.redFlagSymptoms",
                    "TOO_LONG summary.gpActions[0]", "INVALID_FORMAT summary.reaccess.phone",
                    "REQUIRED summary.reaccess.hours", "DATE_IN_FUTURE summary.sharedWithGpOn");
        assertThat(plans.plan(nhsNumber).version()).isEqualTo(2);
    }

    @Test
    void aDraftPlanGetsNoSummary() {
        String draft = plans.createPlan(plans.registerPatient());
        Map<String, Object> input = contractInput(1);
        input.put("planId", draft);

        issue(plans.staff, input).path("issueTreatmentSummary.errors[0].code")
            .entity(String.class)
            .isEqualTo("PLAN_NOT_ACTIVE");
    }

    @Test
    void onlyClinicalStaffOfTheCareTeamIssueIt() {
        Map<String, Object> input = contractInput(2);
        input.remove("clientMutationId");

        Response outsider = issue(IdentityProviders.staffToken("Dr Elsewhere", "RQX", "R8000"), input);
        Response patient = issue(IdentityProviders.patientToken(nhsNumber), input);

        assertThat(firstError(outsider).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(firstError(patient).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(plans.plan(nhsNumber).version()).isEqualTo(2);
    }

    @Test
    void aRepeatUnderAnotherRoleOfTheSamePersonIsCheckedAgainNotAnsweredFromTheFirst() {
        Map<String, Object> input = contractInput(2);
        issue(plans.staff, input).path("issueTreatmentSummary.errors").entityList(Object.class).hasSize(0);

        Response otherRole = issue(IdentityProviders.staffToken("Dr Plan", "RQX", "R8000"), input);

        assertThat(firstError(otherRole).getExtensions()).containsEntry("classification", "FORBIDDEN");
        otherRole.path("issueTreatmentSummary.plan").pathDoesNotExist();
    }

    private List<String> followUpErrors(Map<String, Object> followUp) {
        Map<String, Object> input = contractInput(2);
        input.put("followUp", followUp);
        input.remove("clientMutationId");
        return issue(plans.staff, input).path("issueTreatmentSummary.errors[*]")
            .entityList(Map.class)
            .get()
            .stream()
            .map(e -> e.get("code") + " " + e.get("field"))
            .toList();
    }

    private Response issue(String token, Map<String, Object> input) {
        return as(token).documentName(ISSUE).variable("input", input).execute();
    }

    /**
     * The contract's variables, for this test's plan at {@code expectedVersion}, with a
     * client mutation id of their own (the tests share the store and the staff identity).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> contractInput(long expectedVersion) {
        Map<String, Object> input = new HashMap<>((Map<String, Object>) Contract.variables(ISSUE).get("input"));
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        input.put("clientMutationId", "eots-" + planId + "-" + expectedVersion);
        return input;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summaryOf(Map<String, Object> input) {
        return (Map<String, Object>) input.get("summary");
    }

}
