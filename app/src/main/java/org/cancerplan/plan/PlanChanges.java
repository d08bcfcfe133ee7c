package org.cancerplan.plan;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.Operation;
import org.cancerplan.shared.ConcurrentWrites;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one write path of a plan. Every change, by staff, by the patient or by the service
 * itself, runs the same steps: find the plan, check the operation's rule (a refusal is
 * audited as denied), audit the change, check the version the caller read, let the plan
 * apply it (the plan records it in its history), save. Saving publishes
 * {@link CancerPlanChanged}. Repeats with the same {@code clientMutationId} act once.
 */
@Component
class PlanChanges {

    /** What a change does to the plan; the errors it returns leave the plan unsaved. */
    @FunctionalInterface
    interface Edit {

        List<UserError> apply(CancerPlan plan);

    }

    private final PlanRepository plans;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    PlanChanges(PlanRepository plans, AuditLog audit, IdempotentMutations idempotency) {
        this.plans = plans;
        this.audit = audit;
        this.idempotency = idempotency;
    }

    /**
     * Saves the new plan that {@code opening} prepares, once per
     * {@code clientMutationId}, audited for the patient.
     */
    CancerPlanPayload open(Operation<CancerPlan> operation, Caller caller, String patientNhsNumber, String cmid,
            Supplier<CancerPlanPayload> opening) {
        return idempotency.once(caller, operation.name(), cmid, CancerPlanPayload.class, () -> {
            audit.allowChange(caller, patientNhsNumber, operation.action(), () -> operation.rule().check(caller, null));
            CancerPlanPayload opened = opening.get();
            if (opened.plan() == null) {
                return opened;
            }
            try {
                return CancerPlanPayload.of(plans.save(opened.plan()), cmid);
            }
            catch (DuplicateKeyException concurrentCreate) {
                return conflict(cmid);
            }
        }, error -> CancerPlanPayload.failed(error, cmid));
    }

    /**
     * A change by staff, from the version they read. Patients are refused whether or not
     * the plan exists, so ids reveal nothing to them.
     */
    CancerPlanPayload byStaff(Operation<CancerPlan> operation, Caller caller, String planId, Long expectedVersion,
            String cmid, Edit edit) {
        return idempotency.once(caller, operation.name(), cmid, CancerPlanPayload.class, () -> {
            Optional<CancerPlan> found = planId == null ? Optional.empty() : plans.findById(planId);
            if (caller != null && caller.is(CallerKind.PATIENT)) {
                found.ifPresent(plan -> audit.record(caller, plan.getPatientNhsNumber(), operation.action(),
                        AuditOutcome.DENIED));
                throw new AccessDeniedException("Only the care team may change a plan");
            }
            return found.map(plan -> change(operation, caller, plan, expectedVersion, cmid, edit))
                .orElseGet(() -> notFound(cmid));
        }, error -> CancerPlanPayload.failed(error, cmid));
    }

    /**
     * A change by the patient to their own plan, from the version they read. Another
     * patient's plan, or one they may not see yet, gets the same answer as a plan that
     * does not exist.
     */
    CancerPlanPayload byPatient(Operation<CancerPlan> operation, Caller caller, String planId, Long expectedVersion,
            String cmid, Edit edit) {
        return idempotency.once(caller, operation.name(), cmid, CancerPlanPayload.class, () -> {
            Optional<CancerPlan> found = ownPlanFirst(caller, planId).filter(CancerPlan::visibleToPatient);
            if (found.isEmpty()) {
                return notFound(cmid);
            }
            try {
                return change(operation, caller, found.get(), expectedVersion, cmid, edit);
            }
            catch (AccessDeniedException anotherPatientsPlan) {
                if (caller != null && caller.is(CallerKind.PATIENT) && caller.isClinicallyProofedPatient()) {
                    return notFound(cmid);
                }
                throw anotherPatientsPlan;
            }
        }, error -> CancerPlanPayload.failed(error, cmid));
    }

    /**
     * A change made without a version read by a person (a screening referral, a caseload
     * handover): the plan that {@code find} returns is changed and saved, and found again
     * and changed again when another writer got there first. An edit that refuses (the
     * plan needs no change) leaves the plan and the audit trail alone. Returns the saved
     * plan, or empty when {@code find} finds none or the edit refuses.
     */
    Optional<CancerPlan> whenFound(Operation<CancerPlan> operation, Caller caller, Supplier<Optional<CancerPlan>> find,
            Edit edit) {
        return ConcurrentWrites.retried(() -> find.get().filter(plan -> edit.apply(plan).isEmpty()).map(plan -> {
            audit.allowChange(caller, plan.getPatientNhsNumber(), operation.action(),
                    () -> operation.rule().check(caller, plan));
            return plans.save(plan);
        }));
    }

    private CancerPlanPayload change(Operation<CancerPlan> operation, Caller caller, CancerPlan plan,
            Long expectedVersion, String cmid, Edit edit) {
        audit.allowChange(caller, plan.getPatientNhsNumber(), operation.action(),
                () -> operation.rule().check(caller, plan));
        if (expectedVersion == null || !expectedVersion.equals(plan.getVersion())) {
            return versionConflict(cmid);
        }
        boolean wasOpen = plan.getStatus().isOpen();
        List<UserError> errors = edit.apply(plan);
        if (!errors.isEmpty()) {
            return CancerPlanPayload.failed(errors, cmid);
        }
        try {
            return CancerPlanPayload.of(plans.save(plan), cmid);
        }
        catch (OptimisticLockingFailureException concurrentChange) {
            return versionConflict(cmid);
        }
        catch (DuplicateKeyException anotherOpenPlan) {
            return CancerPlanPayload.failed(UserError.of("CONFLICT", "status",
                    wasOpen ? "Conflict" : "The patient already has another open plan"), cmid);
        }
    }

    /**
     * The plan a patient names: looked up with their NHS number (the shard key, so one
     * shard answers); only when it is not theirs by id alone, so the refusal is audited
     * against the plan's patient.
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

    static CancerPlanPayload conflict(String cmid) {
        return CancerPlanPayload.failed(UserError.of("CONFLICT", "nhsNumber",
                "The patient already has an open plan (draft, active or on hold); update that one"), cmid);
    }

    private static CancerPlanPayload versionConflict(String cmid) {
        return CancerPlanPayload.failed(UserError.of("VERSION_CONFLICT", "expectedVersion",
                "The plan has changed since you read it; reload it and apply your change again"), cmid);
    }

    private static CancerPlanPayload notFound(String cmid) {
        return CancerPlanPayload.failed(UserError.of("NOT_FOUND", "planId", "No such plan"), cmid);
    }

}
