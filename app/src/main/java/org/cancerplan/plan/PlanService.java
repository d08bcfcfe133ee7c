package org.cancerplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.PlanInputs.AcknowledgeCancerPlanInput;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.RecordCareAndSupportPlanInput;
import org.cancerplan.plan.PlanInputs.RecordPathwayEventInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.Operation;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.UserError;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Personalised cancer plans: who may read and change them, the status lifecycle, versions
 * and the waiting-time pathway. Each change is declared once below (its name, audit
 * action and rule) and made through {@link PlanChanges}, the plan's one write path; every
 * read is audited.
 */
@Service
public class PlanService {

    static final String READ = "PLAN_READ";
    static final String CREATED = "PLAN_CREATED";
    static final String UPDATED = "PLAN_UPDATED";
    static final String PATHWAY_RECORDED = "PLAN_PATHWAY_RECORDED";
    static final String ACKNOWLEDGED = "PLAN_ACKNOWLEDGED";
    static final String LEAD_ASSIGNED = "PLAN_LEAD_ASSIGNED";
    static final String LEAD_HANDED_OVER = "PLAN_LEAD_HANDED_OVER";
    static final String CASELOAD_READ = "CASELOAD_READ";

    static final Operation<CancerPlan> CREATE = new Operation<>("createCancerPlan", CREATED,
            (caller, plan) -> Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL));
    static final Operation<CancerPlan> UPDATE = new Operation<>("updateCancerPlan", UPDATED, PlanAccess::inCare);
    static final Operation<CancerPlan> RECORD_PATHWAY_EVENT = new Operation<>("recordPathwayEvent", PATHWAY_RECORDED,
            PlanAccess::inCare);
    static final Operation<CancerPlan> ACKNOWLEDGE = new Operation<>("acknowledgeCancerPlan", ACKNOWLEDGED,
            PlanAccess::ownClinicalRecord);

    /**
     * Not idempotent by itself: the lead directory's assignment, which checks the lead,
     * is.
     */
    static final Operation<CancerPlan> ASSIGN_LEAD = new Operation<>("assignNeighbourhoodLead", LEAD_ASSIGNED,
            PlanAccess::inCareOrAdmin);
    static final Operation<CancerPlan> HAND_OVER = new Operation<>("handOverCaseload", LEAD_HANDED_OVER,
            PlanAccess::admin);

    static final String NEEDS_REPORTED = "PLAN_NEEDS_REPORTED";

    static final String CARE_AND_SUPPORT_PLAN_RECORDED = "PLAN_CARE_AND_SUPPORT_PLAN_RECORDED";

    static final Operation<CancerPlan> RECORD_CARE_AND_SUPPORT_PLAN = new Operation<>("recordCareAndSupportPlan",
            CARE_AND_SUPPORT_PLAN_RECORDED, PlanAccess::inCare);

    /**
     * The patient's own answers, or the service finishing what their submission started.
     */
    static final Operation<CancerPlan> REPORT_NEEDS = new Operation<>("submitAssessment", NEEDS_REPORTED,
            (caller, plan) -> {
                if (caller == null || !caller.is(CallerKind.SUPPORT)) {
                    PlanAccess.ownClinicalRecord(caller, plan);
                }
            });

    private final PlanRepository plans;

    private final PlanChanges changes;

    private final PlanEdits edits;

    private final PatientService patients;

    private final AuditLog audit;

    private final ScreeningReferrals referrals;

    private final CaseloadQuery caseloadQuery;

    private final MongoTemplate mongo;

    PlanService(PlanRepository plans, PlanChanges changes, PlanEdits edits, PatientService patients, AuditLog audit,
            ScreeningReferrals referrals, CaseloadQuery caseloadQuery, MongoTemplate mongo) {
        this.mongo = mongo;
        this.plans = plans;
        this.changes = changes;
        this.edits = edits;
        this.patients = patients;
        this.audit = audit;
        this.referrals = referrals;
        this.caseloadQuery = caseloadQuery;
    }

    /**
     * The patient's current plan as the caller may see it: for the patient (P9) the
     * latest plan that has been active; for staff in the patient's care the open plan,
     * else the latest. Staff outside the care team get FORBIDDEN.
     */
    public Optional<CancerPlan> current(Caller caller, String patientNhsNumber) {
        return visiblePlans(caller, patientNhsNumber).stream().findFirst();
    }

    /** All the patient's plans the caller may see, newest first. */
    public List<CancerPlan> all(Caller caller, String patientNhsNumber) {
        return visiblePlans(caller, patientNhsNumber);
    }

    /**
     * All the patient's plans, newest first, unaudited: only for features that have
     * already checked and audited the caller's access to this patient (an export, say).
     */
    public List<CancerPlan> alreadyAuthorised(String patientNhsNumber) {
        return plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber);
    }

    /**
     * A plan by id, unaudited: for another feature's check of who may act on what hangs
     * off the plan (a task, an assessment); that feature audits its own action.
     */
    public Optional<CancerPlan> forCheck(String planId) {
        return planId == null ? Optional.empty() : plans.findById(planId);
    }

    /**
     * Throws {@code AccessDeniedException} unless the caller is in the care of the plan's
     * patient (its care team or lead), has a staff admin role or is a support operator.
     */
    public void requireInCareOrAdmin(Caller caller, CancerPlan plan) {
        PlanAccess.inCareOrAdmin(caller, plan);
    }

    /**
     * Throws {@code AccessDeniedException} unless the caller is the plan's patient,
     * proofed to P9; a plan the patient may not see yet is refused alike.
     */
    public void requireOwnVisiblePlan(Caller caller, CancerPlan plan) {
        PlanAccess.ownClinicalRecord(caller, plan);
        if (!plan.visibleToPatient()) {
            throw new AccessDeniedException("The plan is not shown to patients yet");
        }
    }

    private List<CancerPlan> visiblePlans(Caller caller, String patientNhsNumber) {
        if (caller != null && caller.is(CallerKind.PATIENT)) {
            return audit.auditedRead(caller, patientNhsNumber, READ,
                    () -> PlanAccess.ownClinicalRecord(caller, patientNhsNumber),
                    () -> plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber)
                        .stream()
                        .filter(CancerPlan::visibleToPatient)
                        .toList());
        }
        List<CancerPlan> all = plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber);
        List<CancerPlan> ordered = new ArrayList<>(all.stream().filter(p -> p.getStatus().isOpen()).toList());
        all.stream().filter(p -> !p.getStatus().isOpen()).forEach(ordered::add);
        return audit.auditedRead(caller, patientNhsNumber, READ, () -> PlanAccess.inCare(caller, ordered),
                () -> ordered);
    }

    /** Opens a plan (DRAFT) for a registered patient who has no open plan. */
    public CancerPlanPayload create(Caller caller, CreateCancerPlanInput input) {
        String nhsNumber = input.nhsNumber().value();
        String cmid = input.clientMutationId();
        return changes.open(CREATE, caller, nhsNumber, cmid, () -> {
            if (!patients.isRegistered(nhsNumber)) {
                return CancerPlanPayload.failed(
                        UserError.of("NOT_FOUND", "nhsNumber", "No patient with this NHS " + "number is registered"),
                        cmid);
            }
            CancerPlanPayload opened = edits.opened(caller, input,
                    input.referralReceivedOn() != null ? Optional.empty() : referrals.take(nhsNumber));
            return opened.plan() != null && plans.findOpenPlanOf(nhsNumber).isPresent() ? PlanChanges.conflict(cmid)
                    : opened;
        });
    }

    /**
     * Changes status, diagnosis, needs, goals, treatments, care team or summary, from
     * {@code expectedVersion}.
     */
    public CancerPlanPayload update(Caller caller, UpdateCancerPlanInput input) {
        return changes.byStaff(UPDATE, caller, input.planId(), input.expectedVersion(), input.clientMutationId(),
                plan -> edits.update(plan, caller, input));
    }

    /**
     * Records a waiting-times milestone; the standards' status follows from the dates.
     */
    public CancerPlanPayload recordPathwayEvent(Caller caller, RecordPathwayEventInput input) {
        return changes.byStaff(RECORD_PATHWAY_EVENT, caller, input.planId(), input.expectedVersion(),
                input.clientMutationId(), plan -> edits.recordPathwayEvent(plan, caller, input));
    }

    /** The patient confirms they have read the version they were shown. */
    public CancerPlanPayload acknowledge(Caller caller, AcknowledgeCancerPlanInput input) {
        return changes.byPatient(ACKNOWLEDGE, caller, input.planId(), input.expectedVersion(), input.clientMutationId(),
                plan -> edits.acknowledged(plan, caller));
    }

    /**
     * Names the plan's neighbourhood lead, from {@code expectedVersion}; the lead
     * directory has checked the lead. The care team may assign; staff with an admin role
     * may too.
     */
    public CancerPlanPayload assignLead(Caller caller, String planId, Long expectedVersion, LeadTarget lead,
            String reason) {
        return changes.byStaff(ASSIGN_LEAD, caller, planId, expectedVersion, null,
                plan -> edits.leadAssigned(plan, caller, lead, reason));
    }

    /**
     * Hands one plan over to another lead as part of a caseload handover, audited before
     * it is written, found again on a concurrent change. Returns false when the plan is
     * no longer the old lead's.
     */
    public boolean handOver(Caller caller, String planId, String fromLeadId, LeadTarget to, String reason) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
        return changes
            .whenFound(HAND_OVER, caller, () -> plans.findById(planId),
                    plan -> edits.handedOver(plan, caller, fromLeadId, to, reason))
            .isPresent();
    }

    /** Records where the offer of a personalised care and support plan stands. */
    public CancerPlanPayload recordCareAndSupportPlan(Caller caller, RecordCareAndSupportPlanInput input) {
        return changes.byStaff(RECORD_CARE_AND_SUPPORT_PLAN, caller, input.planId(), input.expectedVersion(),
                input.clientMutationId(), plan -> edits.careAndSupportPlan(plan, caller, input));
    }

    /**
     * Adds the needs the patient reported in an assessment to the plan, once (a repeat
     * for the same assessment changes nothing); audited, found again on a concurrent
     * change.
     */
    public void recordReportedNeeds(Caller caller, String planId, String assessmentId, List<Need> needs) {
        changes.whenFound(REPORT_NEEDS, caller, () -> plans.findById(planId),
                plan -> edits.reportedNeeds(plan, caller, assessmentId, needs));
    }

    /**
     * Points the lead's plans at the staff identity the directory now names for them, so
     * that the lead's access to their patients follows the directory (the identity is
     * copied onto a plan when the lead is assigned). Not a change to what the plans say:
     * no new version, no history entry.
     */
    public void relinkLeadIdentity(String leadId, String staffId) {
        mongo.updateMulti(Query.query(Criteria.where("neighbourhoodLead.leadId").is(leadId)),
                Update.update("neighbourhoodLead.leadStaffId", staffId), mongo.getCollectionName(CancerPlan.class));
    }

    /** The ids of the plans a lead holds (not revoked), in a stable order. */
    public List<String> planIdsOfLead(String leadId) {
        return plans.findIdsByLead(leadId).stream().map(CancerPlan::getId).toList();
    }

    public long caseloadSize(String leadId) {
        return plans.countByNeighbourhoodLeadLeadIdAndStatusNot(leadId, PlanStatus.REVOKED);
    }

    /**
     * A page of a lead's caseload, the lead directory having checked the caller may see
     * it; each patient on the page is audited with one write.
     */
    public CaseloadPage caseload(Caller caller, String leadId, ScrollPosition after, int count) {
        CaseloadPage page = caseloadQuery.page(leadId, after, count);
        List<String> patientsOnThePage = page.plans()
            .getContent()
            .stream()
            .map(CancerPlan::getPatientNhsNumber)
            .toList();
        audit.recordAllowedReads(caller, patientsOnThePage, CASELOAD_READ);
        return page;
    }

}
