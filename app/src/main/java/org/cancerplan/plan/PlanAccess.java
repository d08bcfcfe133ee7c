package org.cancerplan.plan;

import java.util.List;

import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may reach a plan. Each rule throws {@link AccessDeniedException} when the caller
 * may not.
 */
final class PlanAccess {

    private PlanAccess() {
    }

    /** The patient themself, proofed to P9. */
    static void ownClinicalRecord(Caller caller, String patientNhsNumber) {
        Access.requireOwnClinicalRecord(caller, patientNhsNumber);
    }

    static void ownClinicalRecord(Caller caller, CancerPlan plan) {
        ownClinicalRecord(caller, plan.getPatientNhsNumber());
    }

    /**
     * In care of the patient when any of their plans names the caller's organisation, or
     * the caller is its lead; clinical staff may open a patient's first plan.
     */
    static void inCare(Caller caller, List<CancerPlan> patientPlans) {
        boolean named = caller != null && patientPlans.stream().anyMatch(p -> p.namesInCareTeam(caller.organisation()));
        boolean lead = patientPlans.stream().anyMatch(p -> p.isLead(caller));
        Access.requireInCare(caller,
                named || patientPlans.isEmpty() && caller != null && caller.has(StaffPrivilege.CLINICAL), lead);
    }

    static void inCare(Caller caller, CancerPlan plan) {
        inCare(caller, List.of(plan));
    }

    /**
     * Clinical staff whose organisation the plan's care team names (not the lead alone).
     */
    static void careTeam(Caller caller, CancerPlan plan) {
        Access.requireInCare(caller, caller != null && plan.namesInCareTeam(caller.organisation()), false);
    }

    /** The care team; also staff with an admin role (overrides) and support operators. */
    static void inCareOrAdmin(Caller caller, CancerPlan plan) {
        if (caller == null || !(caller.has(StaffPrivilege.ADMIN) || caller.is(CallerKind.SUPPORT))) {
            inCare(caller, plan);
        }
    }

    /** Staff with an admin role and support operators. */
    static void admin(Caller caller, CancerPlan plan) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
    }

    /**
     * The service itself, acting on its own account (a screening referral, say): no
     * caller to check.
     */
    static void service(Caller caller, CancerPlan plan) {
        if (caller == null || !caller.is(CallerKind.SUPPORT)) {
            throw new AccessDeniedException("Only the service itself makes this change");
        }
    }

}
