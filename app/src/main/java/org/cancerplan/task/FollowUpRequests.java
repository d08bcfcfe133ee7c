package org.cancerplan.task;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.cancerplan.task.TaskInputs.FollowUpRequestView;
import org.cancerplan.task.TaskInputs.RequestFollowUpInput;
import org.cancerplan.task.TaskInputs.RequestFollowUpPayload;
import org.cancerplan.task.TaskParts.FollowUpReason;
import org.cancerplan.task.TaskParts.FollowUpRequest;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Patient-initiated follow-up: while the plan's follow-up window is open, the patient
 * (P9) asks the care team to get in touch. The request is a task for the plan's lead (or
 * its care team's organisation), as urgent as its reason; the patient follows its status.
 */
@Service
public class FollowUpRequests {

    static final String REQUESTED = "FOLLOW_UP_REQUESTED";

    static final int MAX_DETAILS = 1000;

    private final PlanService plans;

    private final Tasks tasks;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final Clock clock;

    FollowUpRequests(PlanService plans, Tasks tasks, AuditLog audit, IdempotentMutations idempotency, Clock clock) {
        this.plans = plans;
        this.tasks = tasks;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public RequestFollowUpPayload request(Caller caller, RequestFollowUpInput input) {
        String cmid = input.clientMutationId();
        return idempotency.once(caller, "requestFollowUp", cmid, RequestFollowUpPayload.class, () -> {
            Optional<CancerPlan> plan = plans.forCheck(input.planId());
            if (caller == null || !caller.is(CallerKind.PATIENT)) {
                plan.ifPresent(
                        found -> audit.record(caller, found.getPatientNhsNumber(), REQUESTED, AuditOutcome.DENIED));
                throw new AccessDeniedException("Only the patient asks for follow-up");
            }
            if (plan.isEmpty()) {
                return notFound(cmid);
            }
            try {
                audit.allowChange(caller, plan.get().getPatientNhsNumber(), REQUESTED,
                        () -> plans.requireOwnVisiblePlan(caller, plan.get()));
            }
            catch (AccessDeniedException notTheirs) {
                if (caller.isClinicallyProofedPatient()) {
                    return notFound(cmid);
                }
                throw notTheirs;
            }
            return raise(caller, plan.get(), input);
        }, error -> RequestFollowUpPayload.failed(error, cmid));
    }

    private RequestFollowUpPayload raise(Caller caller, CancerPlan plan, RequestFollowUpInput input) {
        String cmid = input.clientMutationId();
        LocalDate today = LocalDate.now(clock);
        if (!plan.canRequestFollowUp(today)) {
            return RequestFollowUpPayload
                .failed(UserError.of("FOLLOW_UP_NOT_AVAILABLE", "planId", notAvailable(plan, today)), cmid);
        }
        UserError badDetails = Texts.problem(input.details(), "details", MAX_DETAILS, true);
        if (badDetails != null) {
            return RequestFollowUpPayload.failed(badDetails, cmid);
        }
        FollowUpReason reason = input.reason();
        TaskPriority priority = reason.priority();
        Task task = tasks.raise(new NewTask("follow-up:" + new ObjectId(), TaskKind.FOLLOW_UP_REQUEST, priority,
                "The patient asks for follow-up about " + reason.description(), today.plusDays(daysToAnswer(priority)),
                plan.getPatientNhsNumber(), plan.getId(), new FollowUpRequest(reason, input.details().strip())), plan,
                caller);
        return new RequestFollowUpPayload(FollowUpRequestView.of(task), List.of(), cmid);
    }

    /** Urgent requests are answered the same day, high ones within two days. */
    private static int daysToAnswer(TaskPriority priority) {
        return switch (priority) {
            case URGENT -> 0;
            case HIGH -> 2;
            case ROUTINE -> 5;
        };
    }

    private static String notAvailable(CancerPlan plan, LocalDate today) {
        if (plan.getFollowUp() == null || plan.getFollowUp().kind() != FollowUpKind.PATIENT_INITIATED) {
            return "This plan's follow-up is not patient-initiated; call the number in your treatment summary";
        }
        if (plan.getFollowUp().until() != null && plan.getFollowUp().until().isBefore(today)) {
            return "Patient-initiated follow-up ended on " + plan.getFollowUp().until()
                    + "; call the number in your treatment summary or your GP";
        }
        return "Follow-up cannot be requested on this plan now; call the number in your treatment summary";
    }

    private static RequestFollowUpPayload notFound(String cmid) {
        return RequestFollowUpPayload.failed(UserError.of("NOT_FOUND", "planId", "No such plan"), cmid);
    }

}
