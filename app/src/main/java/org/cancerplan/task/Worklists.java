package org.cancerplan.task;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.lead.LeadService;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskStatus;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The lists of tasks people work from: a lead's worklist, the queue of an organisation
 * whose plans have no lead, and the follow-up requests a patient made. Each patient on a
 * page is audited.
 */
@Service
class Worklists {

    static final String READ = "TASKS_READ";

    static final String FOLLOW_UP_REQUESTS_READ = "FOLLOW_UP_REQUESTS_READ";

    /** Most urgent first, then oldest first. */
    static final Sort MOST_URGENT_FIRST = Sort.by("rank", "createdAt", "id");

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

    /** A page of tasks and how many the whole list holds. */
    record TaskPage(Window<Task> tasks, long totalCount) {
    }

    private final MongoTemplate mongo;

    private final LeadService leads;

    private final AuditLog audit;

    Worklists(MongoTemplate mongo, LeadService leads, AuditLog audit) {
        this.mongo = mongo;
        this.leads = leads;
        this.audit = audit;
    }

    /**
     * The lead's tasks of {@code status} (OPEN when null), for the lead themself, staff
     * with an admin role and support.
     */
    TaskPage ofLead(Caller caller, NeighbourhoodLead lead, TaskStatus status, ScrollPosition after, int count) {
        leads.requireCaseloadReader(caller, lead);
        return page(caller, Criteria.where("assignee.leadId").is(lead.id()), status, after, count);
    }

    /**
     * The tasks waiting with the caller's organisation (their plans have no lead), for
     * staff with the clinical or admin privilege.
     */
    TaskPage ofOrganisation(Caller caller, TaskStatus status, ScrollPosition after, int count) {
        if (caller == null || !caller.is(CallerKind.STAFF) || caller.organisation() == null
                || !(caller.has(StaffPrivilege.CLINICAL) || caller.has(StaffPrivilege.ADMIN))) {
            throw new AccessDeniedException("An organisation's tasks are for its staff with a clinical or admin role");
        }
        return page(caller, Criteria.where("assignee.organisation").is(caller.organisation()), status, after, count);
    }

    private TaskPage page(Caller caller, Criteria assignee, TaskStatus status, ScrollPosition after, int count) {
        Query list = Query.query(assignee.and("status").is(status == null ? TaskStatus.OPEN : status));
        long total = mongo.count(list, Task.class);
        Window<Task> page = mongo.scroll(Query.of(list).with(MOST_URGENT_FIRST).with(after).limit(count), Task.class);
        audit.recordAllowedReads(caller, page.stream().map(Task::getPatientNhsNumber).distinct().toList(), READ);
        return new TaskPage(page, total);
    }

    /** The follow-up requests the patient (P9) made, newest first. */
    Window<Task> followUpRequestsOf(Caller caller, String patientNhsNumber, ScrollPosition after, int count) {
        return audit.auditedRead(caller, patientNhsNumber, FOLLOW_UP_REQUESTS_READ,
                () -> Access.requireOwnClinicalRecord(caller, patientNhsNumber),
                () -> mongo.scroll(
                        Query
                            .query(Criteria.where("patientNhsNumber")
                                .is(patientNhsNumber)
                                .and("kind")
                                .is(TaskKind.FOLLOW_UP_REQUEST))
                            .with(NEWEST_FIRST)
                            .with(after)
                            .limit(count),
                        Task.class));
    }

}
