package org.cancerplan.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.patient.PatientService;
import org.cancerplan.plan.PlanInputs.AcknowledgeCancerPlanInput;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.RecordPathwayEventInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Personalised cancer plans: who may read and change them, the status lifecycle, versions and the waiting-time
 * pathway. Every read and change is audited; every change is one atomic write guarded by the plan's version.
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

    private final PlanRepository plans;
    private final PatientService patients;
    private final CancerTypes cancerTypes;
    private final AuditLog audit;
    private final IdempotentMutations idempotency;
    private final ApplicationEventPublisher events;
    private final ScreeningReferrals referrals;
    private final Clock clock;
    private final CaseloadQuery caseloadQuery;

    PlanService(PlanRepository plans, PatientService patients, CancerTypes cancerTypes, AuditLog audit,
            IdempotentMutations idempotency, ApplicationEventPublisher events, ScreeningReferrals referrals,
            Clock clock, CaseloadQuery caseloadQuery) {
        this.caseloadQuery = caseloadQuery;
        this.referrals = referrals;
        this.plans = plans;
        this.patients = patients;
        this.cancerTypes = cancerTypes;
        this.audit = audit;
        this.idempotency = idempotency;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The patient's current plan as the caller may see it: for the patient (P9) the latest plan that has been active;
     * for staff in the patient's care the open plan, else the latest. Staff outside the care team get FORBIDDEN.
     */
    public Optional<CancerPlan> current(Caller caller, String patientNhsNumber) {
        return visiblePlans(caller, patientNhsNumber).stream().findFirst();
    }

    /** All the patient's plans the caller may see, newest first. */
    public List<CancerPlan> all(Caller caller, String patientNhsNumber) {
        return visiblePlans(caller, patientNhsNumber);
    }

    /**
     * All the patient's plans, newest first, unaudited: only for features that have already checked and audited the
     * caller's access to this patient (an export, say).
     */
    public List<CancerPlan> alreadyAuthorised(String patientNhsNumber) {
        return plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber);
    }

    private List<CancerPlan> visiblePlans(Caller caller, String patientNhsNumber) {
        if (caller != null && caller.is(CallerKind.PATIENT)) {
            return audit.auditedRead(caller, patientNhsNumber, READ,
                    () -> requireOwnClinicalRecord(caller, patientNhsNumber),
                    () -> plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber).stream()
                            .filter(CancerPlan::visibleToPatient).toList());
        }
        List<CancerPlan> all = plans.findByPatientNhsNumberOrderByCreatedAtDesc(patientNhsNumber);
        List<CancerPlan> ordered = new ArrayList<>(all.stream().filter(p -> p.getStatus().isOpen()).toList());
        all.stream().filter(p -> !p.getStatus().isOpen()).forEach(ordered::add);
        return audit.auditedRead(caller, patientNhsNumber, READ, () -> requireInCare(caller, ordered), () -> ordered);
    }

    /** Opens a plan (DRAFT) for a registered patient; the creator's organisation joins the care team. */
    public CancerPlanPayload create(Caller caller, CreateCancerPlanInput input) {
        String nhsNumber = input.nhsNumber().value();
        return idempotency.once(caller, "createCancerPlan", input.clientMutationId(), CancerPlanPayload.class,
                () -> audit.audited(caller, nhsNumber, CREATED,
                        () -> Access.requireStaffPrivilege(caller, StaffPrivilege.CLINICAL),
                        () -> open(caller, input)),
                error -> CancerPlanPayload.failed(error, input.clientMutationId()));
    }

    private CancerPlanPayload open(Caller caller, CreateCancerPlanInput input) {
        String cmid = input.clientMutationId();
        if (!patients.isRegistered(input.nhsNumber().value())) {
            return CancerPlanPayload.failed(UserError.of("NOT_FOUND", "nhsNumber", "No patient with this NHS number "
                    + "is registered"), cmid);
        }
        PlanRules rules = new PlanRules(cancerTypes, today());
        Diagnosis diagnosis = rules.diagnosis(input.diagnosis(), "diagnosis");
        List<CareTeamMember> careTeam = new ArrayList<>(rules.careTeam(input.careTeam(), "careTeam"));
        LocalDate referred = input.referralReceivedOn() != null ? input.referralReceivedOn()
                : referrals.take(input.nhsNumber().value()).orElse(null);
        Pathway pathway = referred == null ? Pathway.NONE
                : rules.pathway(Pathway.NONE, Pathway.PathwayEvent.REFERRAL_RECEIVED, referred, "referralReceivedOn");
        if (!rules.ok()) {
            return CancerPlanPayload.failed(rules.errors(), cmid);
        }
        if (caller.organisation() != null
                && careTeam.stream().noneMatch(m -> caller.organisation().equals(m.organisation()))) {
            careTeam.add(0, new CareTeamMember("Plan author", caller.name(), caller.organisation(), null));
        }
        if (plans.findOpenPlanOf(input.nhsNumber().value()).isPresent()) {
            return conflict(cmid);
        }
        try {
            CancerPlan plan = plans.insert(CancerPlan.open(input.nhsNumber().value(), diagnosis, pathway, careTeam,
                    caller, clock.instant()));
            return CancerPlanPayload.of(plan, cmid);
        } catch (DuplicateKeyException concurrentCreate) {
            return conflict(cmid);
        }
    }

    private static CancerPlanPayload conflict(String cmid) {
        return CancerPlanPayload.failed(UserError.of("CONFLICT", "nhsNumber",
                "The patient already has an open plan (draft, active or on hold); update that one"), cmid);
    }

    /** Changes status, diagnosis, needs, goals, treatments, care team or summary, from {@code expectedVersion}. */
    public CancerPlanPayload update(Caller caller, UpdateCancerPlanInput input) {
        return change(caller, "updateCancerPlan", UPDATED, input.planId(), input.expectedVersion(),
                input.clientMutationId(), plan -> {
                    PlanRules rules = new PlanRules(cancerTypes, today());
                    List<String> summary = new ArrayList<>();
                    if (input.status() != null && input.status() != plan.getStatus()) {
                        if (!plan.getStatus().canBecome(input.status())) {
                            return List.of(UserError.of("INVALID_TRANSITION", "status", "A " + plan.getStatus()
                                    + " plan cannot become " + input.status()));
                        }
                        summary.add("status " + plan.getStatus() + " -> " + input.status());
                        plan.moveTo(input.status(), clock.instant());
                    }
                    if (input.diagnosis() != null) {
                        Diagnosis diagnosis = rules.diagnosis(input.diagnosis(), "diagnosis");
                        plan.setDiagnosis(diagnosis);
                        summary.add("diagnosis");
                    }
                    if (input.needs() != null) {
                        plan.setNeeds(rules.needs(input.needs(), "needs"));
                        summary.add("needs (" + input.needs().size() + ")");
                    }
                    if (input.goals() != null) {
                        plan.setGoals(rules.goals(input.goals(), "goals"));
                        summary.add("goals (" + input.goals().size() + ")");
                    }
                    if (input.treatments() != null) {
                        plan.setTreatments(rules.treatments(input.treatments(), "treatments"));
                        summary.add("treatments (" + input.treatments().size() + ")");
                    }
                    if (input.careTeam() != null) {
                        plan.replaceCareTeam(rules.careTeam(input.careTeam(), "careTeam"));
                        summary.add("care team (" + input.careTeam().size() + ")");
                    }
                    if (input.endOfTreatmentSummary() != null) {
                        rules.summary(input.endOfTreatmentSummary(), "endOfTreatmentSummary");
                        plan.setEndOfTreatmentSummary(input.endOfTreatmentSummary());
                        summary.add("end-of-treatment summary");
                    }
                    if (!rules.ok()) {
                        return rules.errors();
                    }
                    plan.changed(caller, clock.instant(), summary.isEmpty() ? "no change"
                            : "Changed " + String.join(", ", summary));
                    return List.of();
                });
    }

    /** Records a waiting-times milestone; the standards' status follows from the dates. */
    public CancerPlanPayload recordPathwayEvent(Caller caller, RecordPathwayEventInput input) {
        return change(caller, "recordPathwayEvent", PATHWAY_RECORDED, input.planId(), input.expectedVersion(),
                input.clientMutationId(), plan -> {
                    if (!plan.getStatus().isOpen()) {
                        return List.of(UserError.of("PLAN_CLOSED", "planId", "The plan is " + plan.getStatus()));
                    }
                    if (input.event() == null) {
                        return List.of(UserError.of("REQUIRED", "event", "The milestone is required"));
                    }
                    PlanRules rules = new PlanRules(cancerTypes, today());
                    Pathway pathway = rules.pathway(plan.getPathway(), input.event(), input.on(), "on");
                    if (!rules.ok()) {
                        return rules.errors();
                    }
                    plan.setPathway(pathway);
                    plan.changed(caller, clock.instant(), "Recorded " + input.event() + " on " + input.on());
                    return List.of();
                });
    }

    /** The patient confirms they have read the version they were shown. */
    public CancerPlanPayload acknowledge(Caller caller, AcknowledgeCancerPlanInput input) {
        return idempotency.once(caller, "acknowledgeCancerPlan", input.clientMutationId(), CancerPlanPayload.class,
                () -> {
                    Optional<CancerPlan> found = ownPlanFirst(caller, input.planId());
                    String cmid = input.clientMutationId();
                    if (found.isEmpty() || !found.get().visibleToPatient()) {
                        return notFound(cmid);
                    }
                    CancerPlan plan = found.get();
                    try {
                        return audit.audited(caller, plan.getPatientNhsNumber(), ACKNOWLEDGED,
                                () -> requireOwnClinicalRecord(caller, plan.getPatientNhsNumber()),
                                () -> save(plan, input.expectedVersion(), cmid, () -> {
                                    plan.acknowledge(plan.getVersion(), clock.instant());
                                    plan.changed(caller, clock.instant(), "Acknowledged version " + plan.getVersion()
                                            + " by the patient");
                                    return List.of();
                                }));
                    } catch (AccessDeniedException anotherPatientsPlan) {
                        if (caller != null && caller.is(CallerKind.PATIENT) && caller.isClinicallyProofedPatient()) {
                            return notFound(cmid); // the same answer as for a plan that does not exist
                        }
                        throw anotherPatientsPlan;
                    }
                },
                error -> CancerPlanPayload.failed(error, input.clientMutationId()));
    }

    /**
     * The plan a patient names: looked up with their NHS number (the shard key, so one shard answers); only when it is
     * not theirs by id alone, so the refusal is audited against the plan's patient.
     */
    private Optional<CancerPlan> ownPlanFirst(Caller caller, String planId) {
        if (planId == null) {
            return Optional.empty();
        }
        if (caller == null || caller.nhsNumber() == null) {
            return plans.findById(planId);
        }
        return plans.findByIdAndPatientNhsNumber(planId, caller.nhsNumber()).or(() -> plans.findById(planId));
    }

    /**
     * Names the plan's neighbourhood lead, from {@code expectedVersion}; the lead directory has checked the lead.
     * The care team may assign; staff with an admin role may too. Not idempotent by itself: the caller wraps it.
     */
    public CancerPlanPayload assignLead(Caller caller, String planId, Long expectedVersion, LeadTarget lead,
            String reason) {
        return change(caller, "assignNeighbourhoodLead", LEAD_ASSIGNED, planId, expectedVersion, null,
                plan -> requireInCareOrAdmin(caller, plan), plan -> {
                    if (plan.getStatus() == PlanStatus.REVOKED) {
                        return List.of(UserError.of("PLAN_CLOSED", "planId", "The plan is revoked"));
                    }
                    if (plan.getNeighbourhoodLead() != null && plan.getNeighbourhoodLead().leadId().equals(lead.leadId())) {
                        return List.of(UserError.of("ALREADY_ASSIGNED", "leadId", "This lead is already the plan's lead"));
                    }
                    plan.assignLead(lead, reason, caller, today());
                    plan.changed(caller, clock.instant(), "Neighbourhood lead assigned: " + lead.leadId()
                            + (reason == null ? "" : " (" + reason + ")"));
                    return List.of();
                });
    }

    /**
     * Hands one plan over to another lead as part of a caseload handover: re-read and retried on a concurrent
     * change, audited before it is written. Returns false when the plan is no longer the old lead's.
     */
    public boolean handOver(Caller caller, String planId, String fromLeadId, LeadTarget to, String reason) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<CancerPlan> found = plans.findById(planId);
            if (found.isEmpty() || found.get().getNeighbourhoodLead() == null
                    || !found.get().getNeighbourhoodLead().leadId().equals(fromLeadId)) {
                return false;
            }
            CancerPlan plan = found.get();
            audit.record(caller, plan.getPatientNhsNumber(), LEAD_HANDED_OVER, AuditOutcome.ALLOWED);
            plan.assignLead(to, reason, caller, today());
            plan.changed(caller, clock.instant(), "Caseload handed over from lead " + fromLeadId + " to " + to.leadId());
            try {
                CancerPlan saved = plans.save(plan);
                events.publishEvent(new CancerPlanChanged(saved.getPatientNhsNumber(), saved.getId(), saved.getVersion()));
                return true;
            } catch (OptimisticLockingFailureException concurrentChange) {
                // someone changed the plan meanwhile: read it again and retry
            }
        }
        throw new OptimisticLockingFailureException("Plan " + planId + " kept changing during the handover");
    }

    /** The ids of the plans a lead holds (not revoked), in a stable order. */
    public List<String> planIdsOfLead(String leadId) {
        return plans.findIdsByLead(leadId).stream().map(CancerPlan::getId).toList();
    }

    public long caseloadSize(String leadId) {
        return plans.countByNeighbourhoodLeadLeadIdAndStatusNot(leadId, PlanStatus.REVOKED);
    }

    /**
     * A page of a lead's caseload, the lead directory having checked the caller may see it; each patient on the
     * page is audited with one write.
     */
    public CaseloadPage caseload(Caller caller, String leadId, ScrollPosition after, int count) {
        CaseloadPage page = caseloadQuery.page(leadId, after, count);
        audit.recordAllowedReads(caller, page.plans().getContent().stream().map(CancerPlan::getPatientNhsNumber).toList(),
                CASELOAD_READ);
        return page;
    }

    private interface Change {
        List<UserError> apply(CancerPlan plan);
    }

    /** A staff change: find the plan, check the caller is in its care (audited), check the version, apply, save. */
    private CancerPlanPayload change(Caller caller, String operation, String action, String planId,
            Long expectedVersion, String cmid, Change change) {
        return change(caller, operation, action, planId, expectedVersion, cmid,
                plan -> requireInCare(caller, List.of(plan)), change);
    }

    private CancerPlanPayload change(Caller caller, String operation, String action, String planId,
            Long expectedVersion, String cmid, java.util.function.Consumer<CancerPlan> check, Change change) {
        return idempotency.once(caller, operation, cmid, CancerPlanPayload.class, () -> {
            Optional<CancerPlan> found = planId == null ? Optional.empty() : plans.findById(planId);
            if (caller != null && caller.is(CallerKind.PATIENT)) {
                // the same refusal whether or not the plan exists, so ids reveal nothing to patients
                found.ifPresent(plan -> audit.record(caller, plan.getPatientNhsNumber(), action, AuditOutcome.DENIED));
                throw new AccessDeniedException("Only the care team may change a plan");
            }
            if (found.isEmpty()) {
                return notFound(cmid);
            }
            CancerPlan plan = found.get();
            return audit.audited(caller, plan.getPatientNhsNumber(), action, () -> check.accept(plan),
                    () -> save(plan, expectedVersion, cmid, () -> change.apply(plan)));
        }, error -> CancerPlanPayload.failed(error, cmid));
    }

    private CancerPlanPayload save(CancerPlan plan, Long expectedVersion, String cmid,
            Supplier<List<UserError>> change) {
        if (expectedVersion == null || !expectedVersion.equals(plan.getVersion())) {
            return versionConflict(plan, cmid);
        }
        boolean wasOpen = plan.getStatus().isOpen();
        List<UserError> errors = change.get();
        if (!errors.isEmpty()) {
            return CancerPlanPayload.failed(errors, cmid);
        }
        try {
            CancerPlan saved = plans.save(plan);
            events.publishEvent(new CancerPlanChanged(saved.getPatientNhsNumber(), saved.getId(), saved.getVersion()));
            return CancerPlanPayload.of(saved, cmid);
        } catch (OptimisticLockingFailureException concurrentChange) {
            return versionConflict(plan, cmid);
        } catch (DuplicateKeyException anotherOpenPlan) {
            return CancerPlanPayload.failed(UserError.of("CONFLICT", "status", wasOpen ? "Conflict"
                    : "The patient already has another open plan"), cmid);
        }
    }

    private static CancerPlanPayload versionConflict(CancerPlan plan, String cmid) {
        return CancerPlanPayload.failed(UserError.of("VERSION_CONFLICT", "expectedVersion",
                "The plan has changed since you read it; reload it and apply your change again"), cmid);
    }

    private static CancerPlanPayload notFound(String cmid) {
        return CancerPlanPayload.failed(UserError.of("NOT_FOUND", "planId", "No such plan"), cmid);
    }

    private static void requireOwnClinicalRecord(Caller caller, String patientNhsNumber) {
        Access.requireClinicallyProofedPatient(caller);
        if (!caller.nhsNumber().equals(patientNhsNumber)) {
            throw new AccessDeniedException("Patients reach only their own record");
        }
    }

    /** In care of the patient when any of their plans names the caller's organisation, or the caller is its lead. */
    private static void requireInCare(Caller caller, List<CancerPlan> patientPlans) {
        boolean named = caller != null && patientPlans.stream().anyMatch(p -> p.namesInCareTeam(caller.organisation()));
        boolean lead = patientPlans.stream().anyMatch(p -> p.isLead(caller));
        Access.requireInCare(caller, named || patientPlans.isEmpty() && caller != null
                && caller.has(StaffPrivilege.CLINICAL), lead);
    }

    /** The care team may change a plan; so may staff with an admin role (overrides) and support operators. */
    private static void requireInCareOrAdmin(Caller caller, CancerPlan plan) {
        if (caller == null || !(caller.has(StaffPrivilege.ADMIN) || caller.is(CallerKind.SUPPORT))) {
            requireInCare(caller, List.of(plan));
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
