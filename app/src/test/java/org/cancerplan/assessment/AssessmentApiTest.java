package org.cancerplan.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class AssessmentApiTest extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    private static final String NEEDS = "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { "
            + "needs { domain concern severity reportedBy assessmentId } "
            + "assessments { id status questionnaire { id version } answers { itemId score concern wantsToDiscuss } } "
            + "tasks { kind priority summary } } } }";

    private AfterTreatment patient;

    private String leadName;

    private String leadId;

    @BeforeEach
    void aPatientWithALead() {
        patient = new AfterTreatment(graphql);
        leadName = AfterTreatment.newLeadName();
        leadId = AfterTreatment.registerLead(graphql, leadName);
        patient.assignLead(leadId);
    }

    @Test
    void aPlanFirstActiveAsksForAHolisticNeedsAssessmentThatThePatientSeesAndAnswers() {
        Response due = myFollowUp();
        due.path("me.assessmentsDue[0].questionnaire.id")
            .entity(String.class)
            .isEqualTo("holistic-needs")
            .path("me.assessmentsDue[0].questionnaire.version")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("me.assessmentsDue[0].dueBy")
            .entity(String.class)
            .isEqualTo(TODAY.plusDays(14).toString())
            .path("me.assessmentsDue[0].questionnaire.items[1].id")
            .entity(String.class)
            .isEqualTo("tiredness")
            .path("me.assessmentsDue[0].questionnaire.items[1].maxScore")
            .entity(Integer.class)
            .isEqualTo(10);
        String assessmentId = due.path("me.assessmentsDue[0].id").entity(String.class).get();

        Response submitted = submit(contractAnswers(assessmentId, "answers-" + assessmentId));

        submitted.path("submitAssessment.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("submitAssessment.assessment.status")
            .entity(String.class)
            .isEqualTo("SUBMITTED");
        myFollowUp().path("me.assessmentsDue").entityList(Object.class).hasSize(0);
        Response plan = as(patient.plans.staff).document(NEEDS).variable("n", patient.nhsNumber).execute();
        plan.path("patient.cancerPlan.needs[*].concern")
            .entityList(String.class)
            .containsExactly("Tiredness or lack of energy", "Money, benefits or work")
            .path("patient.cancerPlan.needs[0].severity")
            .entity(Integer.class)
            .isEqualTo(8)
            .path("patient.cancerPlan.needs[0].reportedBy")
            .entity(String.class)
            .isEqualTo("PATIENT")
            .path("patient.cancerPlan.needs[1].domain")
            .entity(String.class)
            .isEqualTo("PRACTICAL")
            .path("patient.cancerPlan.needs[1].assessmentId")
            .entity(String.class)
            .isEqualTo(assessmentId)
            .path("patient.cancerPlan.assessments[0].answers[*].concern")
            .entityList(Boolean.class)
            .containsExactly(true, true, false)
            .path("patient.cancerPlan.tasks[0].kind")
            .entity(String.class)
            .isEqualTo("PATIENT_REPORTED_CONCERN")
            .path("patient.cancerPlan.tasks[0].priority")
            .entity(String.class)
            .isEqualTo("HIGH")
            .path("patient.cancerPlan.tasks[0].summary")
            .entity(String.class)
            .satisfies(summary -> assertThat(summary).startsWith("The patient reported 2 concerns")
                .contains("Tiredness or lack of energy (scored 8, wants to talk)"));
        patient.worklist(AfterTreatment.leadToken(leadName), leadId)
            .path("neighbourhoodLead.tasks.edges[0].node.kind")
            .entity(String.class)
            .isEqualTo("PATIENT_REPORTED_CONCERN");
    }

    @Test
    void theContractRequestAsksForAQuestionnaireByADateOnceAtATime() {
        String first = submitScheduled(List.of(Map.of("itemId", "pain", "score", 1)));
        Response requested = request(patient.plans.staff, "holistic-needs", TODAY.plusDays(30),
                "hna-" + patient.planId);
        Response again = request(patient.plans.staff, "holistic-needs", TODAY.plusDays(30), null);

        requested.path("requestAssessment.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("requestAssessment.assessment.status")
            .entity(String.class)
            .isEqualTo("REQUESTED")
            .path("requestAssessment.assessment.dueBy")
            .entity(String.class)
            .isEqualTo(TODAY.plusDays(30).toString())
            .path("requestAssessment.assessment.questionnaire.title")
            .entity(String.class)
            .satisfies(title -> assertThat(title).startsWith("Holistic needs checklist"));
        assertThat(requested.path("requestAssessment.assessment.id").entity(String.class).get()).isNotEqualTo(first);
        assertThat(code(again, "requestAssessment")).isEqualTo("ALREADY_REQUESTED questionnaireId");
        assertThat(code(request(patient.plans.staff, "eq-5d", TODAY.plusDays(3), null), "requestAssessment"))
            .isEqualTo("NOT_FOUND questionnaireId");
        assertThat(code(request(patient.plans.staff, "quality-of-life", TODAY.minusDays(1), null), "requestAssessment"))
            .isEqualTo("DATE_IN_PAST dueBy");
        assertThat(code(request(patient.plans.staff, "quality-of-life", TODAY.plusYears(2), null), "requestAssessment"))
            .isEqualTo("TOO_FAR_AHEAD dueBy");
        myFollowUp().path("me.assessmentsDue[*].dueBy")
            .entityList(String.class)
            .containsExactly(TODAY.plusDays(30).toString());
    }

    @Test
    void answersAreCheckedAgainstTheVersionAskedAndABadOneIsNamed() {
        String assessmentId = scheduledAssessment();
        List<Map<String, Object>> answers = List.of(Map.of("itemId", "pain", "score", 11),
                Map.of("itemId", "no-such-item", "score", 3), Map.of("itemId", "contact-me", "score", 3),
                Map.of("itemId", "pain", "score", 2), Map.of("itemId", "anything-else", "text", " "),
                Map.of("itemId", "sleep"));

        Response refused = submit(Map.of("assessmentId", assessmentId, "answers", answers));

        assertThat(refused.path("submitAssessment.errors[*]")
            .entityList(Map.class)
            .get()
            .stream()
            .map(e -> e.get("code") + " " + e.get("field"))
            .toList()).containsExactly("OUT_OF_RANGE answers[0].score", "UNKNOWN_ITEM answers[1].itemId",
                    "NOT_APPLICABLE answers[2].score", "REQUIRED answers[2].yes", "DUPLICATE_ANSWER answers[3].itemId",
                    "REQUIRED answers[4].text", "REQUIRED answers[5].score");
        assertThat(code(submit(Map.of("assessmentId", assessmentId, "answers", List.of())), "submitAssessment"))
            .isEqualTo("REQUIRED answers");
        myFollowUp().path("me.assessmentsDue[0].id").entity(String.class).isEqualTo(assessmentId);
    }

    @Test
    void answersBelowTheThresholdAddNoNeedAndRaiseNoTask() {
        submitScheduled(List.of(Map.of("itemId", "pain", "score", 4), Map.of("itemId", "contact-me", "yes", false)));

        as(patient.plans.staff).document(NEEDS)
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.cancerPlan.needs")
            .entityList(Object.class)
            .hasSize(0)
            .path("patient.cancerPlan.tasks")
            .entityList(Object.class)
            .hasSize(0)
            .path("patient.cancerPlan.assessments[0].status")
            .entity(String.class)
            .isEqualTo("SUBMITTED");
    }

    @Test
    void aSubmissionActsOnceAndAnAnsweredOrDeclinedAssessmentIsClosed() {
        String assessmentId = scheduledAssessment();
        Map<String, Object> input = contractAnswers(assessmentId, "once-" + assessmentId);
        submit(input).path("submitAssessment.errors").entityList(Object.class).hasSize(0);
        submit(input).path("submitAssessment.errors").entityList(Object.class).hasSize(0);
        Map<String, Object> other = new HashMap<>(input);
        other.put("clientMutationId", "twice-" + assessmentId);

        assertThat(code(submit(other), "submitAssessment")).isEqualTo("ASSESSMENT_CLOSED assessmentId");
        as(patient.plans.staff).document(NEEDS)
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.cancerPlan.needs")
            .entityList(Object.class)
            .hasSize(2)
            .path("patient.cancerPlan.tasks")
            .entityList(Object.class)
            .hasSize(1);

        String next = request(patient.plans.staff, "quality-of-life", TODAY.plusDays(7), null)
            .path("requestAssessment.assessment.id")
            .entity(String.class)
            .get();
        as(patient.patient)
            .document("mutation($i: DeclineAssessmentInput!) { declineAssessment(input: $i) { "
                    + "assessment { status declinedAt } errors { code } } }")
            .variable("i", Map.of("assessmentId", next))
            .execute()
            .path("declineAssessment.assessment.status")
            .entity(String.class)
            .isEqualTo("DECLINED");
        assertThat(
                code(submit(Map.of("assessmentId", next, "answers", List.of(Map.of("itemId", "symptoms", "score", 1)))),
                        "submitAssessment"))
            .isEqualTo("ASSESSMENT_CLOSED assessmentId");
    }

    @Test
    void onlyTheCareTeamAsksAndOnlyThePatientAnswers() {
        String assessmentId = scheduledAssessment();
        String outsider = IdentityProviders.staffToken("Dr Elsewhere", "Y99999", "R8000");
        String anotherPatient = IdentityProviders.patientToken(new AfterTreatment(graphql).nhsNumber);
        Map<String, Object> answers = contractAnswers(assessmentId, null);

        assertForbidden(request(outsider, "quality-of-life", TODAY.plusDays(3), null));
        assertForbidden(request(patient.patient, "quality-of-life", TODAY.plusDays(3), null));
        assertForbidden(request(IdentityProviders.integrationToken("patients:write"), "quality-of-life",
                TODAY.plusDays(3), null));
        assertForbidden(
                as(IdentityProviders.patientToken(patient.nhsNumber, "P5")).documentName("patient-app/SubmitAssessment")
                    .variable("input", answers)
                    .execute());
        assertForbidden(as(patient.plans.staff).documentName("patient-app/SubmitAssessment")
            .variable("input", answers)
            .execute());
        assertThat(code(
                as(anotherPatient).documentName("patient-app/SubmitAssessment").variable("input", answers).execute(),
                "submitAssessment"))
            .isEqualTo("NOT_FOUND assessmentId");
        assertForbidden(
                as(IdentityProviders.patientToken(patient.nhsNumber, "P5")).document("{ me { assessmentsDue { id } } }")
                    .execute());

        myFollowUp().path("me.assessmentsDue[0].id").entity(String.class).isEqualTo(assessmentId);
        request(AfterTreatment.leadToken(leadName), "quality-of-life", TODAY.plusDays(3), null)
            .path("requestAssessment.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    private String scheduledAssessment() {
        return myFollowUp().path("me.assessmentsDue[0].id").entity(String.class).get();
    }

    private String submitScheduled(List<Map<String, Object>> answers) {
        String assessmentId = scheduledAssessment();
        submit(Map.of("assessmentId", assessmentId, "answers", answers)).path("submitAssessment.errors")
            .entityList(Object.class)
            .hasSize(0);
        return assessmentId;
    }

    private Response myFollowUp() {
        return as(patient.patient).documentName("patient-app/MyFollowUp").execute();
    }

    private Response submit(Map<String, Object> input) {
        return as(patient.patient).documentName("patient-app/SubmitAssessment").variable("input", input).execute();
    }

    private Response request(String token, String questionnaireId, LocalDate dueBy, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(
                Map.of("planId", patient.planId, "questionnaireId", questionnaireId, "dueBy", dueBy.toString()));
        input.put("clientMutationId", clientMutationId);
        return as(token).documentName("staff/RequestAssessment").variable("input", input).execute();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contractAnswers(String assessmentId, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("patient-app/SubmitAssessment").get("input"));
        input.put("assessmentId", assessmentId);
        input.put("answers", new ArrayList<>((List<Object>) input.get("answers")));
        input.put("clientMutationId", clientMutationId);
        return input;
    }

    private static String code(Response response, String field) {
        return response.path(field + ".errors[0].code").entity(String.class).get() + " "
                + response.path(field + ".errors[0].field").entity(String.class).get();
    }

    private static void assertForbidden(Response response) {
        assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

}
