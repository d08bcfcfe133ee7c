package org.cancerplan.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.FollowUpInput;
import org.cancerplan.plan.PlanInputs.IssueTreatmentSummaryInput;
import org.cancerplan.plan.PlanInputs.ReaccessPointInput;
import org.cancerplan.plan.PlanInputs.TreatmentSummaryInput;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanParts.ReaccessPoint;
import org.cancerplan.plan.PlanParts.SurveillanceTest;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.plan.PlanParts.TreatmentStatus;
import org.cancerplan.plan.PlanParts.TreatmentSummary;
import org.cancerplan.security.Caller;
import org.cancerplan.security.Operation;
import org.cancerplan.shared.UserError;
import org.springframework.stereotype.Service;

/**
 * The end-of-treatment summary and the follow-up arrangement that comes with it: issued
 * by the care team through the plan's write path, so it is audited, versioned, named in
 * the plan's history and published to the patient's subscriptions like any other change.
 */
@Service
public class TreatmentSummaries {

    static final String ISSUED = "PLAN_SUMMARY_ISSUED";

    static final Operation<CancerPlan> ISSUE = new Operation<>("issueTreatmentSummary", ISSUED, PlanAccess::careTeam);

    static final int MAX_LINES = 20;

    private final PlanChanges changes;

    private final CancerTypes cancerTypes;

    private final Clock clock;

    TreatmentSummaries(PlanChanges changes, CancerTypes cancerTypes, Clock clock) {
        this.changes = changes;
        this.cancerTypes = cancerTypes;
        this.clock = clock;
    }

    /**
     * Issues the summary (replacing an earlier one) and sets follow-up, from
     * {@code expectedVersion}.
     */
    public CancerPlanPayload issue(Caller caller, IssueTreatmentSummaryInput input) {
        return changes.byStaff(ISSUE, caller, input.planId(), input.expectedVersion(), input.clientMutationId(),
                plan -> issued(plan, caller, input));
    }

    private List<UserError> issued(CancerPlan plan, Caller caller, IssueTreatmentSummaryInput input) {
        if (plan.getStatus() == PlanStatus.DRAFT || plan.getStatus() == PlanStatus.REVOKED) {
            return List.of(UserError.of("PLAN_NOT_ACTIVE", "planId",
                    "A summary is issued on a plan that has been active; this one is " + plan.getStatus()));
        }
        LocalDate today = LocalDate.now(clock);
        PlanRules rules = new PlanRules(cancerTypes, today);
        TreatmentSummaryInput given = input.summary();
        List<String> sideEffects = lines(rules, given.sideEffectsToWatch(), "summary.sideEffectsToWatch");
        List<String> redFlags = lines(rules, given.redFlagSymptoms(), "summary.redFlagSymptoms");
        if (redFlags.isEmpty()) {
            rules.error(UserError.of("REQUIRED", "summary.redFlagSymptoms", "Name at least one red-flag symptom"));
        }
        List<String> gpActions = lines(rules, given.gpActions(), "summary.gpActions");
        ReaccessPoint reaccess = reaccess(rules, given.reaccess());
        rules.notFuture(given.sharedWithGpOn(), "summary.sharedWithGpOn");
        FollowUp followUp = followUp(rules, input.followUp(), today);
        if (!rules.ok()) {
            return rules.errors();
        }
        List<Treatment> treatmentsGiven = plan.getTreatments()
            .stream()
            .filter(t -> t.status() != TreatmentStatus.PLANNED)
            .toList();
        boolean again = plan.getTreatmentSummary() != null;
        plan.issueSummary(new TreatmentSummary(today, caller.name(), treatmentsGiven, sideEffects, redFlags, reaccess,
                gpActions, given.sharedWithGpOn() == null ? today : given.sharedWithGpOn(), null), followUp, caller);
        plan.changed(caller, clock.instant(),
                "End-of-treatment summary issued" + (again ? " again" : "") + "; " + followUp.describe());
        return List.of();
    }

    private static List<String> lines(PlanRules rules, List<String> lines, String field) {
        return rules.items(lines, field, MAX_LINES, (line, path) -> {
            rules.text(line, path, PlanRules.LONG_TEXT, true);
            return line;
        });
    }

    private static ReaccessPoint reaccess(PlanRules rules, ReaccessPointInput input) {
        rules.text(input.description(), "summary.reaccess.description", PlanRules.SHORT_TEXT, true);
        rules.text(input.phone(), "summary.reaccess.phone", PlanRules.SHORT_TEXT, true);
        rules.matches(input.phone(), PlanRules.PHONE, "summary.reaccess.phone", "Not a phone number");
        rules.text(input.hours(), "summary.reaccess.hours", PlanRules.SHORT_TEXT, true);
        return new ReaccessPoint(input.description(), input.phone(), input.hours());
    }

    private static FollowUp followUp(PlanRules rules, FollowUpInput input, LocalDate today) {
        FollowUpKind kind = input.kind();
        dateFor(rules, kind == FollowUpKind.PATIENT_INITIATED, input.until(), "followUp.until", kind, today);
        dateFor(rules, kind == FollowUpKind.SCHEDULED, input.nextReviewOn(), "followUp.nextReviewOn", kind, today);
        List<SurveillanceTest> tests = rules.items(input.tests(), "followUp.tests", MAX_LINES, (test, path) -> {
            rules.text(test.name(), path + ".name", PlanRules.SHORT_TEXT, true);
            return new SurveillanceTest(test.name(), test.dueOn());
        });
        if (kind == FollowUpKind.SURVEILLANCE && tests.isEmpty()) {
            rules.error(UserError.of("REQUIRED", "followUp.tests", "Surveillance follow-up names its tests"));
        }
        if (kind == FollowUpKind.DISCHARGED && !tests.isEmpty()) {
            rules.error(UserError.of("NOT_APPLICABLE", "followUp.tests", "A discharged patient has no tests"));
        }
        return new FollowUp(kind, input.until(), input.nextReviewOn(), tests);
    }

    /**
     * A date that one kind of follow-up needs (today or later) and the others take none
     * of.
     */
    private static void dateFor(PlanRules rules, boolean needed, LocalDate date, String field, FollowUpKind kind,
            LocalDate today) {
        if (needed && date == null) {
            rules.error(UserError.of("REQUIRED", field, kind + " follow-up needs this date"));
        }
        else if (!needed && date != null) {
            rules.error(UserError.of("NOT_APPLICABLE", field, kind + " follow-up takes no such date"));
        }
        else if (date != null && date.isBefore(today)) {
            rules.error(UserError.of("DATE_IN_PAST", field, "The date is in the past"));
        }
    }

}
