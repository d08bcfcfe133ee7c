package org.cancerplan.plan;

import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerContext;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * {@code myCancerPlanChanged}: pushes the signed-in patient's plan each time it is saved.
 * Changes are learnt from in-process events, so a subscriber hears of changes made by the
 * instance it is connected to.
 */
@Controller
class PlanSubscriptions {

    private final Sinks.Many<CancerPlanChanged> changes = Sinks.many().multicast().directBestEffort();

    private final PlanService plans;

    PlanSubscriptions(PlanService plans) {
        this.plans = plans;
    }

    @EventListener
    void planSaved(CancerPlanChanged change) {
        changes.tryEmitNext(change);
    }

    @SubscriptionMapping
    Flux<CancerPlan> myCancerPlanChanged(@AuthenticationPrincipal Caller principal,
            @ContextValue(name = CallerContext.KEY, required = false) Caller connection) {
        Caller caller = CallerContext.of(principal, connection);
        Access.requireClinicallyProofedPatient(caller);
        return changes.asFlux()
            .filter(change -> change.patientNhsNumber().equals(caller.nhsNumber()))
            .publishOn(Schedulers.boundedElastic())
            .concatMap(change -> Flux.fromStream(plans.current(caller, caller.nhsNumber())
                .filter(plan -> plan.getId().equals(change.planId()))
                .stream()));
    }

}
