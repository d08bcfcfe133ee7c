package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.Optional;

import org.bson.Document;
import org.cancerplan.screening.ScreeningReferralRecorded;
import org.cancerplan.security.Caller;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * An abnormal screening result refers the patient: if they have an open plan without a referral date, the result's
 * date becomes it (the faster diagnosis clock starts); if they have none yet, the referral waits here for the plan
 * that will be opened for them.
 */
@Component
class ScreeningReferrals {

    static final String PENDING = "pendingReferrals";
    private static final Caller SCREENING = Caller.support("screening-referral");

    private final PlanRepository plans;
    private final MongoTemplate mongo;
    private final java.time.Clock clock;

    ScreeningReferrals(PlanRepository plans, MongoTemplate mongo, java.time.Clock clock) {
        this.plans = plans;
        this.mongo = mongo;
        this.clock = clock;
    }

    @EventListener
    void referred(ScreeningReferralRecorded referral) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<CancerPlan> open = plans.findOpenPlanOf(referral.patientNhsNumber());
            if (open.isEmpty()) {
                mongo.save(new Document("_id", referral.patientNhsNumber()).append("on", referral.referredOn().toString())
                        .append("programme", referral.programme().name()), PENDING);
                return;
            }
            CancerPlan plan = open.get();
            if (plan.getPathway().referralReceivedOn() != null) {
                return;
            }
            plan.setPathway(plan.getPathway().with(Pathway.PathwayEvent.REFERRAL_RECEIVED, referral.referredOn()));
            plan.changed(SCREENING, clock.instant(), "Referral received from " + referral.programme()
                    + " screening on " + referral.referredOn());
            try {
                plans.save(plan);
                return;
            } catch (OptimisticLockingFailureException concurrentChange) {
                // read it again
            }
        }
    }

    /** The referral waiting for this patient's first plan, taken (removed) if there is one. */
    Optional<LocalDate> take(String nhsNumber) {
        Document pending = mongo.findAndRemove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(nhsNumber)), Document.class, PENDING);
        return pending == null ? Optional.empty() : Optional.of(LocalDate.parse(pending.getString("on")));
    }
}
