package org.cancerplan.task;

import static org.cancerplan.graphql.PagedList.instant;
import static org.cancerplan.graphql.PagedList.objectId;
import static org.cancerplan.graphql.PagedList.rank;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import org.cancerplan.graphql.Batches;
import org.cancerplan.graphql.PagedList;
import org.cancerplan.graphql.Pages;
import org.cancerplan.lead.LeadService;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.task.TaskInputs.FollowUpRequestView;
import org.cancerplan.task.TaskInputs.RequestFollowUpInput;
import org.cancerplan.task.TaskInputs.RequestFollowUpPayload;
import org.cancerplan.task.TaskInputs.TaskPayload;
import org.cancerplan.task.TaskInputs.UpdateTaskInput;
import org.cancerplan.task.TaskParts.TaskStatus;
import org.cancerplan.task.Worklists.TaskPage;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class TaskController {

    private static final PagedList LEAD_TASKS = PagedList.of("leadTasks", rank("rank"), instant("createdAt"),
            objectId("id"));

    private static final PagedList ORGANISATION_TASKS = PagedList.of("organisationTasks", rank("rank"),
            instant("createdAt"), objectId("id"));

    private static final PagedList FOLLOW_UP_REQUESTS = PagedList.of("followUpRequests", instant("createdAt"),
            objectId("id"));

    /** The schema's {@code TaskConnection}: a page of tasks with the list's size. */
    record TaskConnection(long totalCount, List<Edge<Task>> edges, PageInfo pageInfo) {

        static TaskConnection of(PagedList list, TaskPage page) {
            Connection<Task> connection = list.connection(page.tasks());
            return new TaskConnection(page.totalCount(), connection.getEdges(), connection.getPageInfo());
        }

    }

    private final Worklists worklists;

    private final TaskUpdates updates;

    private final FollowUpRequests followUpRequests;

    private final Tasks tasks;

    private final PatientService patients;

    private final LeadService leads;

    TaskController(Worklists worklists, TaskUpdates updates, FollowUpRequests followUpRequests, Tasks tasks,
            PatientService patients, LeadService leads) {
        this.worklists = worklists;
        this.updates = updates;
        this.followUpRequests = followUpRequests;
        this.tasks = tasks;
        this.patients = patients;
        this.leads = leads;
    }

    @SchemaMapping(typeName = "NeighbourhoodLead")
    TaskConnection tasks(NeighbourhoodLead lead, @AuthenticationPrincipal Caller caller, @Argument TaskStatus status,
            @Argument Integer first, @Argument String after) {
        return TaskConnection.of(LEAD_TASKS,
                worklists.ofLead(caller, lead, status, LEAD_TASKS.after(after), Pages.count(first)));
    }

    @QueryMapping
    TaskConnection organisationTasks(@AuthenticationPrincipal Caller caller, @Argument TaskStatus status,
            @Argument Integer first, @Argument String after) {
        return TaskConnection.of(ORGANISATION_TASKS,
                worklists.ofOrganisation(caller, status, ORGANISATION_TASKS.after(after), Pages.count(first)));
    }

    /**
     * For staff: the plan was read (and audited) by whoever may see it, and its tasks
     * come with it; patients follow their own requests in {@code followUpRequests}.
     */
    @SchemaMapping(typeName = "CancerPlan")
    List<Task> tasks(CancerPlan plan, @AuthenticationPrincipal Caller caller, @Argument TaskStatus status) {
        if (caller == null || !(caller.is(CallerKind.STAFF) || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException("A plan's tasks are for staff");
        }
        return tasks.ofPlan(plan.getId(), status == null ? Tasks.NOT_CLOSED : EnumSet.of(status));
    }

    @SchemaMapping(typeName = "Patient")
    Connection<FollowUpRequestView> followUpRequests(Patient patient, @AuthenticationPrincipal Caller caller,
            @Argument Integer first, @Argument String after) {
        return FOLLOW_UP_REQUESTS.connection(worklists
            .followUpRequestsOf(caller, patient.nhsNumber(), FOLLOW_UP_REQUESTS.after(after), Pages.count(first))
            .map(FollowUpRequestView::of));
    }

    /** Patients of a page of tasks, whose reads the page has audited. */
    @BatchMapping(typeName = "Task")
    Map<Task, Patient> patient(List<Task> page) {
        return Batches.pair(page, Task::getPatientNhsNumber,
                nhsNumbers -> patients.alreadyAuthorised(nhsNumbers)
                    .stream()
                    .collect(Collectors.toMap(Patient::nhsNumber, Function.identity())));
    }

    @BatchMapping(typeName = "Task")
    Map<Task, NeighbourhoodLead> assignedTo(List<Task> page) {
        return Batches.pair(page, task -> task.getAssignee().leadId(), leads::byIds);
    }

    @SchemaMapping(typeName = "Task")
    String assignedOrganisation(Task task) {
        return task.getAssignee().organisation();
    }

    @SchemaMapping(typeName = "Task")
    TaskParts.FollowUpRequest followUpRequest(Task task) {
        return task.getRequest();
    }

    @MutationMapping
    TaskPayload updateTask(@AuthenticationPrincipal Caller caller, @Argument UpdateTaskInput input) {
        return updates.update(caller, input);
    }

    @MutationMapping
    RequestFollowUpPayload requestFollowUp(@AuthenticationPrincipal Caller caller,
            @Argument RequestFollowUpInput input) {
        return followUpRequests.request(caller, input);
    }

}
