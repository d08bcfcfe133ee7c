package org.cancerplan.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.IssueTreatmentSummaryInput;
import org.cancerplan.plan.PlanInputs.RecordCareAndSupportPlanInput;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanParts.SurveillanceTest;
import org.cancerplan.security.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class TreatmentSummaryController {

    /** A plan's follow-up as the schema shows it, with what it allows today. */
    record FollowUpState(FollowUpKind kind, LocalDate until, LocalDate nextReviewOn, List<SurveillanceTest> tests,
            boolean canRequestFollowUp) {
    }

    private final TreatmentSummaries summaries;

    private final PlanService plans;

    private final Clock clock;

    TreatmentSummaryController(TreatmentSummaries summaries, PlanService plans, Clock clock) {
        this.summaries = summaries;
        this.plans = plans;
        this.clock = clock;
    }

    @SchemaMapping(typeName = "CancerPlan")
    FollowUpState followUp(CancerPlan plan) {
        FollowUp followUp = plan.getFollowUp();
        return followUp == null ? null : new FollowUpState(followUp.kind(), followUp.until(), followUp.nextReviewOn(),
                followUp.tests(), plan.canRequestFollowUp(LocalDate.now(clock)));
    }

    @MutationMapping
    CancerPlanPayload recordCareAndSupportPlan(@AuthenticationPrincipal Caller caller,
            @Argument RecordCareAndSupportPlanInput input) {
        return plans.recordCareAndSupportPlan(caller, input);
    }

    @MutationMapping
    CancerPlanPayload issueTreatmentSummary(@AuthenticationPrincipal Caller caller,
            @Argument IssueTreatmentSummaryInput input) {
        return summaries.issue(caller, input);
    }

}
