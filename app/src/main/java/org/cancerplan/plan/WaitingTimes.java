package org.cancerplan.plan;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.plan.WaitingTimesReport.Performance;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.shared.RecentReports;
import org.cancerplan.shared.ReportSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Performance against the cancer waiting-time standards. Clinical staff see their own
 * organisation's; staff with an admin role and integrations with {@code reports:read} see
 * any organisation's, or all when none is named. A report reads only the pathways of the
 * plans measured in its period, and is computed at most once per
 * {@code cancerplan.reports.max-age} for the same organisation and period
 * ({@link RecentReports}).
 */
@Service
public class WaitingTimes {

    static final int MAX_DAYS = 366;

    private record Parameters(String organisation, LocalDate from, LocalDate to) {
    }

    /** The part of a plan a report reads. */
    private record PlanPathway(Pathway pathway) {
    }

    private final MongoTemplate mongo;

    private final WaitingTimesProperties targets;

    private final RecentReports<Parameters, WaitingTimesReport> reports;

    WaitingTimes(MongoTemplate mongo, WaitingTimesProperties targets, ReportSettings settings, Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.targets = targets;
        this.reports = new RecentReports<>("waiting-times", settings, clock, meters);
    }

    public WaitingTimesReport report(Caller caller, String organisation, LocalDate from, LocalDate to) {
        String scope = Access.reportScope(caller,
                organisation == null || organisation.isBlank() ? null : organisation.strip(), "Waiting-time reports");
        if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_DAYS - 1))) {
            throw new BadInputException("to", "The period must run forwards and span at most " + MAX_DAYS + " days");
        }
        return reports.get(new Parameters(scope, from, to), at -> compute(scope, from, to, at));
    }

    private WaitingTimesReport compute(String scope, LocalDate from, LocalDate to, Instant at) {
        Criteria measuredInPeriod = new Criteria().orOperator(
                Criteria.where("pathway.diagnosisCommunicatedOn").gte(from).lte(to),
                Criteria.where("pathway.cancerRuledOutOn").gte(from).lte(to),
                Criteria.where("pathway.firstTreatmentOn").gte(from).lte(to));
        Criteria criteria = scope == null ? measuredInPeriod
                : new Criteria().andOperator(Criteria.where("careOrganisations").is(scope), measuredInPeriod);
        Query measured = Query.query(criteria);
        measured.fields().include("pathway");
        List<Pathway> pathways = mongo.find(measured, PlanPathway.class, mongo.getCollectionName(CancerPlan.class))
            .stream()
            .map(PlanPathway::pathway)
            .toList();
        return new WaitingTimesReport(scope, from, to,
                performance(WaitingTimeStandard.FASTER_DIAGNOSIS, pathways, from, to),
                performance(WaitingTimeStandard.DECISION_TO_TREAT, pathways, from, to),
                performance(WaitingTimeStandard.REFERRAL_TO_TREATMENT, pathways, from, to), at);
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
        return new Performance(measured, met, measured == 0 ? null : (double) met / measured, targets.target(standard));
    }

}
