package org.cancerplan.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class TaskApiTest extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    @Autowired
    Tasks tasks;

    @Autowired
    PlanService plans;

    private AfterTreatment patient;

    @BeforeEach
    void aPatientAtTheEndOfTreatment() {
        patient = new AfterTreatment(graphql);
    }

    @Test
    void aSummaryForAPlanWithNoLeadRaisesATaskForTheOrganisationThatAssigningALeadCloses() {
        patient.issueSummary(TODAY.plusMonths(6));
        String admin = IdentityProviders.staffToken("Org Admin", patient.plans.organisation, "R8013");

        Response queue = as(admin)
            .document("{ organisationTasks { totalCount edges { node { " + AfterTreatment.TASK_FIELDS + " } } } }")
            .execute();
        queue.path("organisationTasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("organisationTasks.edges[0].node.kind")
            .entity(String.class)
            .isEqualTo("ASSIGN_LEAD")
            .path("organisationTasks.edges[0].node.priority")
            .entity(String.class)
            .isEqualTo("HIGH")
            .path("organisationTasks.edges[0].node.assignedOrganisation")
            .entity(String.class)
            .isEqualTo(patient.plans.organisation)
            .path("organisationTasks.edges[0].node.assignedTo")
            .valueIsNull()
            .path("organisationTasks.edges[0].node.patient.nhsNumber")
            .entity(String.class)
            .isEqualTo(patient.nhsNumber)
            .path("organisationTasks.edges[0].node.dueBy")
            .entity(String.class)
            .isEqualTo(TODAY.plusDays(7).toString());

        String leadId = AfterTreatment.registerLead(graphql, AfterTreatment.newLeadName());
        patient.assignLead(leadId);

        as(admin).document("{ organisationTasks { totalCount } }")
            .execute()
            .path("organisationTasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(0);
        patient.tasksOfPlan(patient.plans.staff).path("patient.cancerPlan.tasks").entityList(Object.class).hasSize(0);
        patient.as(patient.plans.staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { tasks(status: DONE) { "
                    + "kind status history { action note } } } } }")
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.cancerPlan.tasks[0].kind")
            .entity(String.class)
            .isEqualTo("ASSIGN_LEAD")
            .path("patient.cancerPlan.tasks[0].history[1].note")
            .entity(String.class)
            .isEqualTo("Lead " + leadId + " assigned");
    }

    @Test
    void aFollowUpRequestBecomesAnUrgentTaskOnTheLeadsWorklistAndThePatientFollowsItsStatus() {
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(6));
        String lead = AfterTreatment.leadToken(leadName);

        Response requested = patient.requestFollowUp(patient.patient, "NEW_SYMPTOM", "pifu-" + patient.planId);
        Response worklist = patient.worklist(lead, leadId);
        Response careTeamView = patient.tasksOfPlan(patient.plans.staff);

        requested.path("requestFollowUp.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("requestFollowUp.request.status")
            .entity(String.class)
            .isEqualTo("OPEN");
        String taskId = requested.path("requestFollowUp.request.id").entity(String.class).get();
        worklist.path("neighbourhoodLead.tasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("neighbourhoodLead.tasks.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(taskId)
            .path("neighbourhoodLead.tasks.edges[0].node.kind")
            .entity(String.class)
            .isEqualTo("FOLLOW_UP_REQUEST")
            .path("neighbourhoodLead.tasks.edges[0].node.priority")
            .entity(String.class)
            .isEqualTo("URGENT")
            .path("neighbourhoodLead.tasks.edges[0].node.dueBy")
            .entity(String.class)
            .isEqualTo(TODAY.toString())
            .path("neighbourhoodLead.tasks.edges[0].node.patient.nhsNumber")
            .entity(String.class)
            .isEqualTo(patient.nhsNumber);
        careTeamView.path("patient.cancerPlan.tasks[0].id")
            .entity(String.class)
            .isEqualTo(taskId)
            .path("patient.cancerPlan.tasks[0].followUpRequest.details")
            .entity(String.class)
            .isEqualTo("A lump near the scar since last week")
            .path("patient.cancerPlan.tasks[0].assignedTo.id")
            .entity(String.class)
            .isEqualTo(leadId);

        patient.updateTask(lead, Map.of("taskId", taskId, "expectedVersion", 1, "status", "IN_PROGRESS"))
            .path("updateTask.errors")
            .entityList(Object.class)
            .hasSize(0);
        assertThat(requestStatuses()).containsExactly("IN_PROGRESS");

        Response done = patient.updateTask(lead, contractUpdate(taskId, 2, "done-" + taskId));
        done.path("updateTask.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("updateTask.task.status")
            .entity(String.class)
            .isEqualTo("DONE")
            .path("updateTask.task.version")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("updateTask.task.assignedTo.name")
            .entity(String.class)
            .isEqualTo(leadName);
        assertThat(requestStatuses()).containsExactly("DONE");
        patient.worklist(lead, leadId).path("neighbourhoodLead.tasks.totalCount").entity(Integer.class).isEqualTo(0);

        List<String> seenByThePatient = as(patient.patient).documentName("patient-app/MyAccessLog")
            .variable("first", 20)
            .execute()
            .path("me.accessLog.edges[*].node")
            .entityList(Map.class)
            .get()
            .stream()
            .map(event -> ((Map<?, ?>) event.get("actor")).get("name") + " " + event.get("action"))
            .toList();
        assertThat(seenByThePatient).contains(leadName + " TASK_UPDATED", leadName + " TASKS_READ");
    }

    @Test
    void aRepeatedRequestWithTheSameClientMutationIdActsOnceAndPrioritiesFollowTheReason() {
        patient.issueSummary(TODAY.plusMonths(6));
        String first = patient.requestFollowUp(patient.patient, "QUESTION", "q-" + patient.planId)
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
        String again = patient.requestFollowUp(patient.patient, "QUESTION", "q-" + patient.planId)
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
        patient.requestFollowUp(patient.patient, "SIDE_EFFECT", "s-" + patient.planId);

        assertThat(again).isEqualTo(first);
        assertThat(patient.tasksOfPlan(patient.plans.staff)
            .path("patient.cancerPlan.tasks[*].priority")
            .entityList(String.class)
            .get()).containsExactly("HIGH", "HIGH", "ROUTINE");
        assertThat(requestStatuses()).hasSize(2);
    }

    @Test
    void followUpIsRequestedOnlyWhileItIsPatientInitiated() {
        Response noSummary = patient.requestFollowUp(patient.patient, "WORRY", null);
        patient.issueSummary(Map.of("kind", "SCHEDULED", "nextReviewOn", TODAY.plusMonths(3).toString()));
        Response scheduled = patient.requestFollowUp(patient.patient, "WORRY", null);
        patient.issueSummary(TODAY);
        Response lastDay = patient.requestFollowUp(patient.patient, "WORRY", null);
        Response noDetails = patient.as(patient.patient)
            .documentName("patient-app/RequestFollowUp")
            .variable("input", Map.of("planId", patient.planId, "reason", "OTHER", "details", " "))
            .execute();

        for (Response refused : List.of(noSummary, scheduled)) {
            refused.path("requestFollowUp.errors[0].code")
                .entity(String.class)
                .isEqualTo("FOLLOW_UP_NOT_AVAILABLE")
                .path("requestFollowUp.request")
                .valueIsNull();
        }
        lastDay.path("requestFollowUp.errors").entityList(Object.class).hasSize(0);
        noDetails.path("requestFollowUp.errors[0].code")
            .entity(String.class)
            .isEqualTo("REQUIRED")
            .path("requestFollowUp.errors[0].field")
            .entity(String.class)
            .isEqualTo("details");
        assertThat(requestStatuses()).containsExactly("OPEN");
    }

    @Test
    void openTasksMoveWithTheCaseloadHandoverAndClosedOnesStay() {
        String fromName = AfterTreatment.newLeadName();
        String from = AfterTreatment.registerLead(graphql, fromName);
        String toName = AfterTreatment.newLeadName();
        String to = AfterTreatment.registerLead(graphql, toName);
        patient.assignLead(from);
        patient.issueSummary(TODAY.plusMonths(6));
        String open = raiseRequest("WORRY", "h1-" + patient.planId);
        String closed = raiseRequest("QUESTION", "h2-" + patient.planId);
        patient.updateTask(AfterTreatment.leadToken(fromName),
                Map.of("taskId", closed, "expectedVersion", 1, "status", "DONE", "note", "Answered on the phone"));

        as(AfterTreatment.ADMIN)
            .document("mutation($i: HandOverCaseloadInput!) { handOverCaseload(input: $i) { moved errors { code } } }")
            .variable("i", Map.of("fromLeadId", from, "toLeadId", to, "reason", "Leaving the service"))
            .execute()
            .path("handOverCaseload.moved")
            .entity(Integer.class)
            .isEqualTo(1);

        patient.worklist(AfterTreatment.leadToken(toName), to)
            .path("neighbourhoodLead.tasks.edges[*].node.id")
            .entityList(String.class)
            .containsExactly(open);
        patient.worklist(AfterTreatment.leadToken(fromName), from)
            .path("neighbourhoodLead.tasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(0);
        patient.as(patient.plans.staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { tasks(status: DONE) { "
                    + "id assignedTo { id } } open: tasks { id version history { action } } } } }")
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.cancerPlan.tasks[0].id")
            .entity(String.class)
            .isEqualTo(closed)
            .path("patient.cancerPlan.tasks[0].assignedTo.id")
            .entity(String.class)
            .isEqualTo(from)
            .path("patient.cancerPlan.open[0].version")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("patient.cancerPlan.open[0].history[1].action")
            .entity(String.class)
            .isEqualTo("Moved with the plan to lead " + to);
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        patient.issueSummary(TODAY.plusMonths(6));
        String taskId = raiseRequest("NEW_SYMPTOM", "c-" + patient.planId);
        int writers = 6;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String note = "Called by writer " + i;
                Callable<String> update = () -> {
                    start.await();
                    List<Map<String, Object>> errors = patient
                        .updateTask(patient.plans.staff,
                                Map.of("taskId", taskId, "expectedVersion", 1, "status", "IN_PROGRESS", "note", note))
                        .path("updateTask.errors")
                        .entityList(new ParameterizedTypeReference<Map<String, Object>>() {
                        })
                        .get();
                    return errors.isEmpty() ? "won" : (String) errors.get(0).get("code");
                };
                outcomes.add(pool.submit(update));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce("won")
                .filteredOn(r -> !r.equals("won"))
                .containsOnly("VERSION_CONFLICT");
        }
        finally {
            pool.shutdownNow();
        }
        patient.tasksOfPlan(patient.plans.staff)
            .path("patient.cancerPlan.tasks[0].version")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("patient.cancerPlan.tasks[0].history")
            .entityList(Object.class)
            .hasSize(2);
    }

    @Test
    void aStaleVersionAClosedTaskAndBadChangesAreRefusedWithTheirCodes() {
        patient.issueSummary(TODAY.plusMonths(6));
        String taskId = raiseRequest("SIDE_EFFECT", "r-" + patient.planId);
        String staff = patient.plans.staff;

        assertThat(code(patient.updateTask(staff, Map.of("taskId", taskId, "expectedVersion", 1))))
            .isEqualTo("REQUIRED status");
        assertThat(code(
                patient.updateTask(staff, Map.of("taskId", taskId, "expectedVersion", 1, "note", "x".repeat(1001)))))
            .isEqualTo("TOO_LONG note");
        assertThat(code(patient.updateTask(staff,
                Map.of("taskId", taskId, "expectedVersion", 1, "assignToLeadId", "000000000000000000000000"))))
            .isEqualTo("NOT_FOUND assignToLeadId");
        assertThat(code(patient.updateTask(staff,
                Map.of("taskId", "000000000000000000000000", "expectedVersion", 1, "status", "DONE"))))
            .isEqualTo("NOT_FOUND taskId");
        patient.updateTask(staff,
                Map.of("taskId", taskId, "expectedVersion", 1, "status", "CANCELLED", "note", "Raised twice"));
        assertThat(code(patient.updateTask(staff, Map.of("taskId", taskId, "expectedVersion", 1, "status", "DONE"))))
            .isEqualTo("VERSION_CONFLICT expectedVersion");
        assertThat(code(patient.updateTask(staff, Map.of("taskId", taskId, "expectedVersion", 2, "status", "OPEN"))))
            .isEqualTo("TASK_CLOSED taskId");
        assertThat(requestStatuses()).containsExactly("CANCELLED");
    }

    @Test
    void handingATaskToAnotherLeadPutsItOnTheirWorklist() {
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        String otherName = AfterTreatment.newLeadName();
        String other = AfterTreatment.registerLead(graphql, otherName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(6));
        String taskId = raiseRequest("WORRY", "a-" + patient.planId);

        patient
            .updateTask(AfterTreatment.leadToken(leadName),
                    Map.of("taskId", taskId, "expectedVersion", 1, "assignToLeadId", other, "note",
                            "Sam knows the family"))
            .path("updateTask.task.assignedTo.id")
            .entity(String.class)
            .isEqualTo(other);

        patient.worklist(AfterTreatment.leadToken(otherName), other)
            .path("neighbourhoodLead.tasks.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(taskId);
        patient.worklist(AfterTreatment.leadToken(leadName), leadId)
            .path("neighbourhoodLead.tasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(0);
        assertThat(code(patient.updateTask(AfterTreatment.leadToken(otherName),
                Map.of("taskId", taskId, "expectedVersion", 2, "assignToLeadId", other))))
            .isEqualTo("ALREADY_ASSIGNED assignToLeadId");
    }

    @Test
    void theWorklistPagesMostUrgentThenOldestFirstWithATotal() {
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(6));
        String question = raiseRequest("QUESTION", "p1-" + patient.planId);
        String worry = raiseRequest("WORRY", "p2-" + patient.planId);
        String symptom = raiseRequest("NEW_SYMPTOM", "p3-" + patient.planId);
        String laterWorry = raiseRequest("SIDE_EFFECT", "p4-" + patient.planId);
        String lead = AfterTreatment.leadToken(leadName);

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Response page = as(lead).documentName("staff/LeadWorklist")
                .variable("leadId", leadId)
                .variable("first", 3)
                .variable("after", after)
                .execute();
            page.path("neighbourhoodLead.tasks.totalCount").entity(Integer.class).isEqualTo(4);
            seen.addAll(page.path("neighbourhoodLead.tasks.edges[*].node.id").entityList(String.class).get());
            after = page.path("neighbourhoodLead.tasks.pageInfo.hasNextPage").entity(Boolean.class).get()
                    ? page.path("neighbourhoodLead.tasks.pageInfo.endCursor").entity(String.class).get() : null;
        }
        while (after != null);

        assertThat(seen).containsExactly(symptom, worry, laterWorry, question);
    }

    @Test
    void onlyThoseInThePatientsCareReadAndChangeTasks() {
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        String otherLeadName = AfterTreatment.newLeadName();
        AfterTreatment.registerLead(graphql, otherLeadName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(6));
        String taskId = raiseRequest("WORRY", "x-" + patient.planId);
        Map<String, Object> start = Map.of("taskId", taskId, "expectedVersion", 1, "status", "IN_PROGRESS");
        String outsider = IdentityProviders.staffToken("Dr Elsewhere", "Y99999", "R8000");
        String anotherPatient = IdentityProviders.patientToken(new AfterTreatment(graphql).nhsNumber);

        assertForbidden(patient.worklist(AfterTreatment.leadToken(otherLeadName), leadId));
        assertForbidden(patient.worklist(outsider, leadId));
        assertForbidden(patient.updateTask(outsider, start));
        assertForbidden(patient.updateTask(AfterTreatment.leadToken(otherLeadName), start));
        assertForbidden(patient.updateTask(patient.patient, start));
        assertForbidden(patient.updateTask(IdentityProviders.integrationToken("patients:write"), start));
        assertForbidden(patient.as(patient.patient).document("{ me { cancerPlan { tasks { id } } } }").execute());
        assertForbidden(
                patient.requestFollowUp(IdentityProviders.patientToken(patient.nhsNumber, "P5"), "WORRY", null));
        assertForbidden(patient.requestFollowUp(patient.plans.staff, "WORRY", null));
        patient.requestFollowUp(anotherPatient, "WORRY", null)
            .path("requestFollowUp.errors[0].code")
            .entity(String.class)
            .isEqualTo("NOT_FOUND");
        assertForbidden(as(patient.patient).document("{ organisationTasks { totalCount } }").execute());
        assertForbidden(as(IdentityProviders.integrationToken("patients:write"))
            .document("{ organisationTasks { totalCount } }")
            .execute());
        as(outsider).document("{ organisationTasks { totalCount } }")
            .execute()
            .path("organisationTasks.totalCount")
            .entity(Integer.class)
            .isEqualTo(0);

        assertThat(requestStatuses()).containsExactly("OPEN");
        patient.tasksOfPlan(patient.plans.staff)
            .path("patient.cancerPlan.tasks[0].version")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    @Test
    void theIdentityTheDirectoryNamesForALeadNowActsOnTheirTasks() {
        String leadName = AfterTreatment.newLeadName();
        String leadId = AfterTreatment.registerLead(graphql, leadName);
        patient.assignLead(leadId);
        patient.issueSummary(TODAY.plusMonths(6));
        String taskId = raiseRequest("WORRY", "d-" + patient.planId);
        String successor = AfterTreatment.newLeadName();
        as(AfterTreatment.ADMIN)
            .document("mutation($i: UpdateNeighbourhoodLeadInput!) { updateNeighbourhoodLead(input: $i) { "
                    + "errors { code } } }")
            .variable("i", Map.of("leadId", leadId, "staffId", AfterTreatment.staffId(successor)))
            .execute()
            .path("updateNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);
        Map<String, Object> start = Map.of("taskId", taskId, "expectedVersion", 1, "status", "IN_PROGRESS");

        patient.updateTask(AfterTreatment.leadToken(successor), start)
            .path("updateTask.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    @Test
    void aTaskRaisedFromAPlanReadBeforeItsLeadWasNamedGoesToTheLead() {
        patient.issueSummary(TODAY.plusMonths(6));
        CancerPlan readBefore = plans.forCheck(patient.planId).orElseThrow();
        String leadId = AfterTreatment.registerLead(graphql, AfterTreatment.newLeadName());
        patient.assignLead(leadId);

        Task raised = tasks.raise(
                new NewTask("stale-" + patient.planId, TaskKind.FOLLOW_UP_REQUEST, TaskPriority.ROUTINE, "Call back",
                        TODAY.plusDays(5), patient.nhsNumber, patient.planId, null),
                readBefore, Caller.support("test"));

        assertThat(raised.getAssignee().leadId()).isEqualTo(leadId);
        assertThat(raised.getHistory()).extracting(TaskParts.TaskChange::action)
            .containsExactly("Raised", "Moved with the plan to lead " + leadId);
    }

    private String raiseRequest(String reason, String clientMutationId) {
        return patient.requestFollowUp(patient.patient, reason, clientMutationId)
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
    }

    private List<String> requestStatuses() {
        return as(patient.patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.followUpRequests.edges[*].node.status")
            .entityList(String.class)
            .get();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> contractUpdate(String taskId, long expectedVersion, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/UpdateTask").get("input"));
        input.put("taskId", taskId);
        input.put("expectedVersion", expectedVersion);
        input.put("clientMutationId", clientMutationId);
        return input;
    }

    private static String code(Response response) {
        return response.path("updateTask.errors[0].code").entity(String.class).get() + " "
                + response.path("updateTask.errors[0].field").entity(String.class).get();
    }

    private static void assertForbidden(Response response) {
        assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

}
