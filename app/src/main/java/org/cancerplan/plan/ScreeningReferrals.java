package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.Optional;

import org.bson.Document;
import org.cancerplan.screening.ScreeningReferralRecorded;
import org.cancerplan.security.Caller;
import org.cancerplan.security.Operation;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * An abnormal screening result refers the patient: if they have an open plan without a
 * referral date, the result's date becomes it (the faster diagnosis clock starts), a
 * change made through the plan's write path like any other (audited, published to the
 * patient's subscriptions); if they have no open plan yet, the referral waits here for
 * the plan that will be opened for them.
 */
@Component
class ScreeningReferrals {

    static final String PENDING = "pendingReferrals";
    static final Caller SCREENING = Caller.support("screening-referral");
    static final Operation<CancerPlan> RECORD_REFERRAL = new Operation<>("recordScreeningReferral",
            PlanService.PATHWAY_RECORDED, PlanAccess::service);

    private final PlanRepository plans;

    private final PlanChanges changes;

    private final PlanEdits edits;

    private final MongoTemplate mongo;

    ScreeningReferrals(PlanRepository plans, PlanChanges changes, PlanEdits edits, MongoTemplate mongo) {
        this.plans = plans;
        this.changes = changes;
        this.edits = edits;
        this.mongo = mongo;
    }

    @EventListener
    void referred(ScreeningReferralRecorded referral) {
        String nhsNumber = referral.patientNhsNumber();
        if (plans.findOpenPlanOf(nhsNumber).isEmpty()) {
            mongo.save(new Document("_id", nhsNumber).append("on", referral.referredOn().toString())
                .append("programme", referral.programme().name()), PENDING);
            return;
        }
        changes.whenFound(RECORD_REFERRAL, SCREENING, () -> plans.findOpenPlanOf(nhsNumber),
                plan -> edits.referred(plan, SCREENING, referral.programme().name(), referral.referredOn()));
    }

    /**
     * The referral waiting for this patient's first plan, taken (removed) if there is
     * one.
     */
    Optional<LocalDate> take(String nhsNumber) {
        Document pending = mongo.findAndRemove(Query.query(Criteria.where("_id").is(nhsNumber)), Document.class,
                PENDING);
        return pending == null ? Optional.empty() : Optional.of(LocalDate.parse(pending.getString("on")));
    }

}
