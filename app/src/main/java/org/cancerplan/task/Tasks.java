package org.cancerplan.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.lead.LeadService;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.PatientDeceased;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanLeadChanged;
import org.cancerplan.plan.PlanService;
import org.cancerplan.plan.TreatmentSummaryIssued;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.ConcurrentWrites;
import org.cancerplan.task.TaskParts.Assignee;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.cancerplan.task.TaskParts.TaskStatus;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Raising tasks, and keeping them with the plan's lead. A task goes to the plan's lead,
 * or to the care team's organisation while the plan has none; when the plan's lead
 * changes (an assignment, a caseload handover) its open tasks move with it, and the task
 * to name a lead is done. Every change is audited for the patient.
 */
@Service
public class Tasks {

    static final String RAISED = "TASK_RAISED";

    static final String UPDATED = "TASK_UPDATED";

    static final EnumSet<TaskStatus> NOT_CLOSED = EnumSet.of(TaskStatus.OPEN, TaskStatus.IN_PROGRESS);

    private final TaskRepository tasks;

    private final MongoTemplate mongo;

    private final LeadService leads;

    private final PlanService plans;

    private final AuditLog audit;

    private final Clock clock;

    Tasks(TaskRepository tasks, MongoTemplate mongo, LeadService leads, PlanService plans, AuditLog audit,
            Clock clock) {
        this.tasks = tasks;
        this.mongo = mongo;
        this.leads = leads;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Raises the task for the plan's lead, or for the organisation of the first member of
     * its care team while it has none; raising a source again returns the task it raised.
     * The plan is read again once the task is saved: a lead named meanwhile (whose move
     * of the plan's tasks ran before this one existed) gets it.
     */
    public Task raise(NewTask what, CancerPlan plan, Caller by) {
        Task raised = raise(what, assigneeOf(plan), by);
        String leadThen = raised.getAssignee().leadId();
        return plans.forCheck(plan.getId())
            .map(CancerPlan::getNeighbourhoodLead)
            .filter(lead -> !lead.leadId().equals(leadThen))
            .map(lead -> ConcurrentWrites.retried(() -> {
                Task current = tasks.findById(raised.getId()).orElseThrow();
                return followLead(current, leadThen, lead.leadId(), lead.leadStaffId(), by) ? tasks.save(current)
                        : current;
            }))
            .orElse(raised);
    }

    private static Assignee assigneeOf(CancerPlan plan) {
        return plan.getNeighbourhoodLead() != null
                ? Assignee.lead(plan.getNeighbourhoodLead().leadId(), plan.getNeighbourhoodLead().leadStaffId())
                : Assignee.organisation(plan.getCareTeam()
                    .stream()
                    .map(CareTeamMember::organisation)
                    .filter(organisation -> organisation != null && !organisation.isBlank())
                    .findFirst()
                    .orElse(null));
    }

    private Task raise(NewTask what, Assignee assignee, Caller by) {
        Optional<Task> raised = tasks.findBySource(what.source());
        if (raised.isPresent()) {
            return raised.get();
        }
        audit.record(by, what.patientNhsNumber(), RAISED, AuditOutcome.ALLOWED);
        try {
            return tasks.save(Task.raise(what, assignee, by, clock.instant()));
        }
        catch (DuplicateKeyException raisedMeanwhile) {
            return tasks.findBySource(what.source()).orElseThrow(() -> raisedMeanwhile);
        }
    }

    /**
     * The lead's open and in-progress tasks (only those past their due date when
     * {@code overdueOnly}), most urgent and oldest first, at most {@code limit}; for the
     * lead themself, staff with an admin role and support; each patient audited.
     */
    public List<Task> ofLead(Caller caller, NeighbourhoodLead lead, boolean overdueOnly, int limit) {
        leads.requireCaseloadReader(caller, lead);
        LocalDate today = LocalDate.now(clock);
        Criteria open = Criteria.where("assignee.leadId").is(lead.id()).and("status").in(NOT_CLOSED);
        if (overdueOnly) {
            open = open.and("dueBy").lt(today);
        }
        List<Task> found = mongo.find(Query.query(open).with(Worklists.MOST_URGENT_FIRST).limit(limit), Task.class);
        audit.recordAllowedReads(caller, found.stream().map(Task::getPatientNhsNumber).distinct().toList(),
                Worklists.READ);
        return found;
    }

    /**
     * Every task of the patient, newest first, unaudited: for features that have already
     * checked and audited the caller's access to the patient (an export).
     */
    public List<Task> alreadyAuthorised(String patientNhsNumber) {
        return tasks.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber);
    }

    /** The plan's tasks of these statuses, most urgent and oldest first. */
    List<Task> ofPlan(String planId, EnumSet<TaskStatus> statuses) {
        return tasks.findByPlanIdAndStatusInOrderByRankAscCreatedAtAsc(planId, statuses);
    }

    @EventListener
    void summaryIssued(TreatmentSummaryIssued issued) {
        if (issued.leadId() != null || issued.organisation() == null) {
            return;
        }
        raise(new NewTask("assign-lead:" + issued.planId(), TaskKind.ASSIGN_LEAD, TaskPriority.HIGH,
                "Name a neighbourhood lead: an end-of-treatment summary was issued and the plan has none",
                LocalDate.now(clock).plusDays(7), issued.patientNhsNumber(), issued.planId(), null),
                Assignee.organisation(issued.organisation()), issued.by());
    }

    /**
     * The patient died: their open tasks are cancelled, saying why; told again, none are
     * open.
     */
    @EventListener
    void patientDeceased(PatientDeceased death) {
        Caller feed = Caller.support("registration-feed");
        for (Task task : tasks.findByPatientNhsNumberAndStatusIn(death.nhsNumber(), NOT_CLOSED)) {
            ConcurrentWrites.retried(() -> tasks.findById(task.getId())
                .filter(current -> !current.getStatus().isClosed())
                .map(current -> {
                    audit.record(feed, death.nhsNumber(), UPDATED, AuditOutcome.ALLOWED);
                    current.moveTo(TaskStatus.CANCELLED, "The patient died on " + death.deceasedOn(), feed,
                            clock.instant());
                    return tasks.save(current);
                })
                .orElse(task));
        }
    }

    @EventListener
    void leadChanged(PlanLeadChanged changed) {
        for (Task task : ofPlan(changed.planId(), NOT_CLOSED)) {
            ConcurrentWrites.retried(() -> {
                Task current = tasks.findById(task.getId()).orElseThrow();
                return followLead(current, changed.fromLeadId(), changed.toLeadId(), changed.toLeadStaffId(),
                        changed.by()) ? tasks.save(current) : current;
            });
        }
    }

    /**
     * A still open task of a plan whose lead became {@code toLeadId}: the task to name a
     * lead is done, one that was the old lead's (or the organisation's) moves to the new
     * one, one handed to someone else stays. Audited; returns whether it changed.
     */
    private boolean followLead(Task task, String fromLeadId, String toLeadId, String toLeadStaffId, Caller by) {
        Instant now = clock.instant();
        if (task.getStatus().isClosed()) {
            return false;
        }
        if (task.getKind() == TaskKind.ASSIGN_LEAD) {
            task.moveTo(TaskStatus.DONE, "Lead " + toLeadId + " assigned", by, now);
        }
        else if (followsThePlansLead(task, fromLeadId)) {
            task.handTo(Assignee.lead(toLeadId, toLeadStaffId), "Moved with the plan to lead " + toLeadId, null, by,
                    now);
        }
        else {
            return false;
        }
        audit.record(by, task.getPatientNhsNumber(), UPDATED, AuditOutcome.ALLOWED);
        return true;
    }

    /**
     * A task that is the plan's old lead's, or its organisation's while it had none (not
     * one handed to someone else).
     */
    private static boolean followsThePlansLead(Task task, String fromLeadId) {
        return fromLeadId == null ? task.getAssignee().leadId() == null : task.isAssignedToLead(fromLeadId);
    }

}
