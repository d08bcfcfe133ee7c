package org.cancerplan.task;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.lead.LeadService;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.cancerplan.task.TaskInputs.TaskPayload;
import org.cancerplan.task.TaskInputs.UpdateTaskInput;
import org.cancerplan.task.TaskParts.Assignee;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * What staff record on a task, from the version they read: a new status, a note, or a
 * hand-over to another lead. For the task's lead, the plan's care team, staff with an
 * admin role and support; audited for the patient; once per {@code clientMutationId}.
 */
@Service
class TaskUpdates {

    static final int MAX_NOTE = 1000;

    private final TaskRepository tasks;

    private final PlanService plans;

    private final LeadService leads;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final Clock clock;

    TaskUpdates(TaskRepository tasks, PlanService plans, LeadService leads, AuditLog audit,
            IdempotentMutations idempotency, Clock clock) {
        this.tasks = tasks;
        this.plans = plans;
        this.leads = leads;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    TaskPayload update(Caller caller, UpdateTaskInput input) {
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "updateTask", cmid, TaskPayload.class, () -> {
            Optional<Task> found = input.taskId() == null ? Optional.empty() : tasks.findById(input.taskId());
            if (caller == null || !(caller.is(CallerKind.STAFF) || caller.is(CallerKind.SUPPORT))) {
                found.ifPresent(
                        task -> audit.record(caller, task.getPatientNhsNumber(), Tasks.UPDATED, AuditOutcome.DENIED));
                throw new AccessDeniedException("Only staff act on tasks");
            }
            return found.map(task -> update(caller, task, input))
                .orElseGet(() -> TaskPayload.failed(UserError.of("NOT_FOUND", "taskId", "No such task"), cmid));
        }, error -> TaskPayload.failed(error, cmid));
    }

    private TaskPayload update(Caller caller, Task task, UpdateTaskInput input) {
        String cmid = input.clientMutationId();
        audit.allowChange(caller, task.getPatientNhsNumber(), Tasks.UPDATED, () -> mayAct(caller, task));
        if (input.expectedVersion() == null || !input.expectedVersion().equals(task.getVersion())) {
            return versionConflict(cmid);
        }
        Optional<UserError> refused = apply(caller, task, input);
        if (refused.isPresent()) {
            return TaskPayload.failed(refused.get(), cmid);
        }
        try {
            return TaskPayload.of(tasks.save(task), cmid);
        }
        catch (OptimisticLockingFailureException concurrentChange) {
            return versionConflict(cmid);
        }
    }

    /**
     * The task's lead, as the directory knows them now; else whoever may act on the
     * plan's patient.
     */
    private void mayAct(Caller caller, Task task) {
        if (!isTheTasksLead(caller, task)) {
            plans.requireInCareOrAdmin(caller, plans.forCheck(task.getPlanId())
                .orElseThrow(() -> new AccessDeniedException("The task's plan is gone")));
        }
    }

    private boolean isTheTasksLead(Caller caller, Task task) {
        String leadId = task.getAssignee().leadId();
        if (leadId == null || caller == null || !caller.is(CallerKind.STAFF)) {
            return false;
        }
        NeighbourhoodLead lead = leads.byIds(List.of(leadId)).get(leadId);
        return lead != null && lead.active() && lead.staffId() != null && lead.staffId().equals(caller.subject());
    }

    private Optional<UserError> apply(Caller caller, Task task, UpdateTaskInput input) {
        boolean statusChanges = input.status() != null && input.status() != task.getStatus();
        boolean noted = input.note() != null && !input.note().isBlank();
        if (!statusChanges && input.assignToLeadId() == null && !noted) {
            return Optional.of(input.status() == null
                    ? UserError.of("REQUIRED", "status", "Give a status, a note or a lead to hand it to")
                    : UserError.of("NO_CHANGE", "status", "The task is already " + input.status()));
        }
        if (task.getStatus().isClosed()) {
            return Optional.of(UserError.of("TASK_CLOSED", "taskId",
                    "The task is " + task.getStatus() + "; closed tasks do not change"));
        }
        Optional<UserError> badNote = Optional.ofNullable(Texts.problem(input.note(), "note", MAX_NOTE, false));
        if (badNote.isPresent()) {
            return badNote;
        }
        Instant now = clock.instant();
        if (input.assignToLeadId() != null) {
            NeighbourhoodLead lead = leads.byIds(List.of(input.assignToLeadId())).get(input.assignToLeadId());
            if (lead == null) {
                return Optional.of(UserError.of("NOT_FOUND", "assignToLeadId", "No such lead"));
            }
            if (!lead.active()) {
                return Optional.of(UserError.of("LEAD_INACTIVE", "assignToLeadId", "The lead is not active"));
            }
            if (task.isAssignedToLead(lead.id())) {
                return Optional.of(UserError.of("ALREADY_ASSIGNED", "assignToLeadId", "The task is already theirs"));
            }
            task.handTo(Assignee.lead(lead.id(), lead.staffId()),
                    "Handed to lead " + lead.id() + " (" + lead.name() + ")", statusChanges ? null : input.note(),
                    caller, now);
        }
        if (statusChanges) {
            task.moveTo(input.status(), input.note(), caller, now);
        }
        else if (input.assignToLeadId() == null) {
            task.noted(input.note(), caller, now);
        }
        return Optional.empty();
    }

    private static TaskPayload versionConflict(String cmid) {
        return TaskPayload.failed(UserError.of("VERSION_CONFLICT", "expectedVersion",
                "The task has changed since you read it; reload it and apply your change again"), cmid);
    }

}
