package org.cancerplan.plan;

import java.time.LocalDate;
import java.util.List;

import org.cancerplan.plan.WaitingTimesReport.Performance;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.BadInputException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Performance against the cancer waiting-time standards. Clinical staff see their own organisation's; staff with
 * an admin role and integrations with {@code reports:read} see any organisation's, or all when none is named.
 */
@Service
public class WaitingTimes {

    static final int MAX_DAYS = 366;

    private final MongoTemplate mongo;
    private final WaitingTimesProperties targets;

    WaitingTimes(MongoTemplate mongo, WaitingTimesProperties targets) {
        this.mongo = mongo;
        this.targets = targets;
    }

    public WaitingTimesReport report(Caller caller, String organisation, LocalDate from, LocalDate to) {
        String scope = scope(caller, organisation == null || organisation.isBlank() ? null : organisation.strip());
        if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_DAYS))) {
            throw new BadInputException("to", "The period must run forwards and span at most " + MAX_DAYS + " days");
        }
        Criteria measuredInPeriod = new Criteria().orOperator(
                Criteria.where("pathway.diagnosisCommunicatedOn").gte(from).lte(to),
                Criteria.where("pathway.cancerRuledOutOn").gte(from).lte(to),
                Criteria.where("pathway.firstTreatmentOn").gte(from).lte(to));
        Criteria criteria = scope == null ? measuredInPeriod
                : new Criteria().andOperator(Criteria.where("careOrganisations").is(scope), measuredInPeriod);
        List<Pathway> pathways = mongo.find(Query.query(criteria), CancerPlan.class).stream()
                .map(CancerPlan::getPathway).toList();
        return new WaitingTimesReport(scope, from, to, performance(WaitingTimeStandard.FASTER_DIAGNOSIS, pathways, from, to),
                performance(WaitingTimeStandard.DECISION_TO_TREAT, pathways, from, to),
                performance(WaitingTimeStandard.REFERRAL_TO_TREATMENT, pathways, from, to));
    }

    private Performance performance(WaitingTimeStandard standard, List<Pathway> pathways, LocalDate from,
            LocalDate to) {
        int measured = 0;
        int met = 0;
        for (Pathway pathway : pathways) {
            LocalDate on = standard.measuredOn(pathway);
            if (on == null || on.isBefore(from) || on.isAfter(to)) {
                continue;
            }
            WaitingTimeStandard.Result result = standard.assess(pathway, to);
            if (result.status() == WaitingTimeStandard.Status.NOT_APPLICABLE) {
                continue;
            }
            measured++;
            if (result.status() == WaitingTimeStandard.Status.MET) {
                met++;
            }
        }
        return new Performance(measured, met, measured == 0 ? null : (double) met / measured,
                targets.target(standard));
    }

    /** The organisation the report covers (null: all), or FORBIDDEN. */
    private static String scope(Caller caller, String organisation) {
        if (caller != null && (caller.has(StaffPrivilege.ADMIN) || caller.hasScope("reports:read")
                || caller.is(CallerKind.SUPPORT))) {
            return organisation;
        }
        if (caller != null && caller.has(StaffPrivilege.CLINICAL)
                && (organisation == null || organisation.equals(caller.organisation()))) {
            return caller.organisation();
        }
        throw new AccessDeniedException("Waiting-time reports are for the organisation's own staff, staff with an "
                + "admin role and integrations with the scope reports:read");
    }
}
