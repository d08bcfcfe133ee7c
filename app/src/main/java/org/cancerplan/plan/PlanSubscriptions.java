package org.cancerplan.plan;

import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerContext;
import org.cancerplan.store.StoreChanges;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code myCancerPlanChanged}: pushes the signed-in patient's plan each time it changes,
 * on whichever instance it was changed ({@link StoreChanges}).
 */
@Controller
class PlanSubscriptions {

    private final PlanService plans;

    private final StoreChanges changes;

    PlanSubscriptions(PlanService plans, StoreChanges changes) {
        this.plans = plans;
        this.changes = changes;
    }

    @SubscriptionMapping
    Flux<CancerPlan> myCancerPlanChanged(@AuthenticationPrincipal Caller principal,
            @ContextValue(name = CallerContext.KEY, required = false) Caller connection) {
        Caller caller = CallerContext.of(principal, connection);
        Access.requireClinicallyProofedPatient(caller);
        return changes.of(CancerPlan.COLLECTION, "updatedAt")
            .filter(changed -> caller.nhsNumber().equals(changed.getString("patientNhsNumber")))
            .publishOn(Schedulers.boundedElastic())
            .concatMap(changed -> Flux.fromStream(plans.current(caller, caller.nhsNumber())
                .filter(plan -> plan.getId().equals(changed.get("_id").toString()))
                .stream()));
    }

}
