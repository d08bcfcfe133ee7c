package org.cancerplan.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.shared.RecentReports;
import org.cancerplan.shared.ReportSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.data.mongodb.core.aggregation.ArrayOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Screening uptake by deprivation quintile (1 = most deprived: IMD deciles 1-2; 5 =
 * least: 9-10), computed in the database: invitations of the programme issued in the
 * period, joined to the IMD by the LSOA the patient lived in when invited. Invitations
 * whose LSOA the IMD does not know are counted as "unknown", never in a quintile. A
 * report is computed at most once per {@code cancerplan.reports.max-age} for the same
 * programme and period ({@link RecentReports}).
 */
@Service
public class ScreeningUptake {

    private record Parameters(Programme programme, LocalDate from, LocalDate to) {
    }

    private final MongoTemplate mongo;

    private final RecentReports<Parameters, Report> reports;

    ScreeningUptake(MongoTemplate mongo, ReportSettings settings, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.reports = new RecentReports<>("screening-uptake", settings, clock, meters);
    }

    public record Quintile(Integer quintile, long invited, long screened, Double uptake) {
    }

    /**
     * @param gap uptake of quintile 5 minus quintile 1; null while either has no
     * invitations
     */
    public record Report(Programme programme, LocalDate from, LocalDate to, List<Quintile> byDeprivationQuintile,
            Quintile unknown, Double gap, Instant computedAt) {
    }

    public Report report(Caller caller, Programme programme, LocalDate from, LocalDate to) {
        if (caller == null || !(caller.has(StaffPrivilege.CLINICAL) || caller.has(StaffPrivilege.ADMIN)
                || caller.hasScope("reports:read") || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException("Screening uptake is for staff and integrations with reports:read");
        }
        if (to.isBefore(from)) {
            throw new BadInputException("to", "The period must run forwards");
        }
        return reports.get(new Parameters(programme, from, to), at -> compute(programme, from, to, at));
    }

    private Report compute(Programme programme, LocalDate from, LocalDate to, Instant at) {
        Aggregation pipeline = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("programme").is(programme).and("invitedOn").gte(from).lte(to)),
                Aggregation.lookup(DeprivationIndex.COLLECTION, "lsoaCode", "_id", "imd"),
                Aggregation.unwind("imd", true),
                Aggregation.group("imd.quintile")
                    .count()
                    .as("invited")
                    .sum(ConditionalOperators
                        .when(ArrayOperators.In.arrayOf(InvitationStatus.SCREENED.stream().map(Enum::name).toList())
                            .containsValue("$status"))
                        .then(1)
                        .otherwise(0))
                    .as("screened"));
        List<Document> groups = mongo.aggregate(pipeline, ScreeningInvitation.class, Document.class).getMappedResults();
        List<Quintile> quintiles = new ArrayList<>();
        Quintile unknown = new Quintile(null, 0, 0, null);
        for (int q = 1; q <= 5; q++) {
            quintiles.add(new Quintile(q, 0, 0, null));
        }
        for (Document group : groups) {
            Object id = group.get("_id");
            long invited = ((Number) group.get("invited")).longValue();
            long screened = ((Number) group.get("screened")).longValue();
            Quintile row = new Quintile(id instanceof Number n ? n.intValue() : null, invited, screened,
                    invited == 0 ? null : (double) screened / invited);
            if (row.quintile() == null) {
                unknown = row;
            }
            else {
                quintiles.set(row.quintile() - 1, row);
            }
        }
        Double first = quintiles.get(0).uptake();
        Double fifth = quintiles.get(4).uptake();
        return new Report(programme, from, to, quintiles, unknown,
                first == null || fifth == null ? null : fifth - first, at);
    }

}
