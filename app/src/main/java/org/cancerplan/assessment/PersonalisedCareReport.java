package org.cancerplan.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.BadInputException;
import org.cancerplan.shared.England;
import org.cancerplan.shared.RecentReports;
import org.cancerplan.shared.ReportSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Personalised care per organisation over a period, in one aggregation over the plans
 * (each joined to its assessments and tasks), so it runs on the embedded store as on
 * MongoDB. A plan counts for every organisation of its care team. Computed at most once
 * per {@code cancerplan.reports.max-age} for the same organisation and period.
 */
@Service
class PersonalisedCareReport {

    static final int MAX_DAYS = 366;

    private static final double MILLIS_PER_HOUR = 3_600_000d;

    /**
     * One organisation's counts.
     *
     * @param medianHoursToPickUp null when no request was picked up
     */
    record Counts(String organisation, int hnaOffered, int hnaCompleted, int hnaDeclined, int carePlansOffered,
            int carePlansAccepted, int carePlansDeclined, int summariesIssued, int followUpRequests,
            int followUpRequestsPickedUp, Double medianHoursToPickUp, int overdueTasks) {
    }

    private record Parameters(String organisation, LocalDate from, LocalDate to) {
    }

    private final MongoTemplate mongo;

    private final RecentReports<Parameters, List<Counts>> reports;

    private final Clock clock;

    PersonalisedCareReport(MongoTemplate mongo, ReportSettings settings, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.reports = new RecentReports<>("personalised-care", settings, clock, meters);
    }

    List<Counts> report(Caller caller, String organisation, LocalDate from, LocalDate to) {
        String scope = Access.reportScope(caller,
                organisation == null || organisation.isBlank() ? null : organisation.strip().toUpperCase(),
                "Personalised care reports");
        if (to.isBefore(from) || to.isAfter(from.plusDays(MAX_DAYS - 1))) {
            throw new BadInputException("to", "The period must run forwards and span at most " + MAX_DAYS + " days");
        }
        return reports.get(new Parameters(scope, from, to), at -> compute(scope, from, to));
    }

    private List<Counts> compute(String scope, LocalDate from, LocalDate to) {
        Period period = new Period(stored(from), stored(to.plusDays(1)),
                stored(from.atStartOfDay(England.ZONE).toInstant()),
                stored(to.plusDays(1).atStartOfDay(England.ZONE).toInstant()));
        Document inScope = scope == null ? new Document("careOrganisations.0", new Document("$exists", true))
                : new Document("careOrganisations", scope);
        List<Document> pipeline = new ArrayList<>();
        pipeline.add(new Document("$match", inScope));
        pipeline.add(new Document("$project",
                new Document("careOrganisations", 1).append("summaryIssuedOn", "$treatmentSummary.issuedOn")
                    .append("carePlan", "$careAndSupportPlan")
                    .append("planKey", new Document("$toString", "$_id"))));
        pipeline.add(lookup("assessments"));
        pipeline.add(lookup("tasks"));
        pipeline.add(new Document("$unwind", "$careOrganisations"));
        if (scope != null) {
            pipeline.add(new Document("$match", new Document("careOrganisations", scope)));
        }
        Document hna = eq("$$a.holisticNeedsAssessment", true);
        pipeline.add(new Document("$project", new Document("organisation", "$careOrganisations")
            .append("hnaOffered", count("$assessments", "a", and(hna, period.instantIn("$$a.requestedAt"))))
            .append("hnaCompleted",
                    count("$assessments", "a",
                            and(hna, eq("$$a.status", "SUBMITTED"), period.instantIn("$$a.submittedAt"))))
            .append("hnaDeclined",
                    count("$assessments", "a",
                            and(hna, eq("$$a.status", "DECLINED"), period.instantIn("$$a.declinedAt"))))
            .append("carePlansOffered", oneIf(period.dayIn("$carePlan.offeredOn")))
            .append("carePlansAccepted",
                    oneIf(and(eq("$carePlan.status", "ACCEPTED"), period.dayIn("$carePlan.respondedOn"))))
            .append("carePlansDeclined",
                    oneIf(and(eq("$carePlan.status", "DECLINED"), period.dayIn("$carePlan.respondedOn"))))
            .append("summariesIssued", oneIf(period.dayIn("$summaryIssuedOn")))
            .append("followUps",
                    filter("$tasks", "t", and(eq("$$t.kind", "FOLLOW_UP_REQUEST"), period.instantIn("$$t.createdAt"))))
            .append("overdueTasks",
                    count("$tasks", "t",
                            and(new Document("$in", List.of("$$t.status", List.of("OPEN", "IN_PROGRESS"))),
                                    present("$$t.dueBy"),
                                    new Document("$lt", List.of("$$t.dueBy", stored(LocalDate.now(clock)))))))));
        pipeline.add(new Document("$project", new Document("organisation", 1).append("hnaOffered", 1)
            .append("hnaCompleted", 1)
            .append("hnaDeclined", 1)
            .append("carePlansOffered", 1)
            .append("carePlansAccepted", 1)
            .append("carePlansDeclined", 1)
            .append("summariesIssued", 1)
            .append("overdueTasks", 1)
            .append("followUpRequests", new Document("$size", "$followUps"))
            .append("pickUps",
                    new Document("$map", new Document("input", filter("$followUps", "f", present("$$f.pickedUpAt")))
                        .append("as", "p")
                        .append("in", new Document("$subtract", List.of("$$p.pickedUpAt", "$$p.createdAt")))))));
        Document sums = new Document("_id", "$organisation");
        for (String count : List.of("hnaOffered", "hnaCompleted", "hnaDeclined", "carePlansOffered",
                "carePlansAccepted", "carePlansDeclined", "summariesIssued", "followUpRequests", "overdueTasks")) {
            sums.append(count, new Document("$sum", "$" + count));
        }
        sums.append("pickUps", new Document("$push", "$pickUps"));
        pipeline.add(new Document("$group", sums));
        pipeline.add(new Document("$sort", new Document("_id", 1)));
        List<Counts> rows = new ArrayList<>();
        for (Document row : mongo.getCollection("cancerPlans").aggregate(pipeline)) {
            List<Long> pickUps = new ArrayList<>();
            for (Object perPlan : row.getList("pickUps", Object.class)) {
                ((List<?>) perPlan).forEach(millis -> pickUps.add(((Number) millis).longValue()));
            }
            rows.add(new Counts(row.getString("_id"), number(row, "hnaOffered"), number(row, "hnaCompleted"),
                    number(row, "hnaDeclined"), number(row, "carePlansOffered"), number(row, "carePlansAccepted"),
                    number(row, "carePlansDeclined"), number(row, "summariesIssued"), number(row, "followUpRequests"),
                    pickUps.size(), medianHours(pickUps), number(row, "overdueTasks")));
        }
        return rows;
    }

    /** The bounds of the period as the store holds days and instants. */
    private record Period(Object firstDay, Object dayAfter, Object start, Object end) {

        Document dayIn(String field) {
            return and(new Document("$gte", List.of(ifNull(field), firstDay)),
                    new Document("$lt", List.of(ifNull(field), dayAfter)));
        }

        Document instantIn(String field) {
            return and(new Document("$gte", List.of(ifNull(field), start)),
                    new Document("$lt", List.of(ifNull(field), end)));
        }

    }

    private Object stored(Object value) {
        return mongo.getConverter().convertToMongoType(value);
    }

    private static Document lookup(String collection) {
        return new Document("$lookup",
                new Document("from", collection).append("localField", "planKey")
                    .append("foreignField", "planId")
                    .append("as", collection));
    }

    private static Document filter(String input, String as, Document condition) {
        return new Document("$filter", new Document("input", input).append("as", as).append("cond", condition));
    }

    private static Document count(String input, String as, Document condition) {
        return new Document("$size", filter(input, as, condition));
    }

    private static Document oneIf(Document condition) {
        return new Document("$cond", List.of(condition, 1, 0));
    }

    private static Document and(Document... conditions) {
        return new Document("$and", List.of(conditions));
    }

    private static Document eq(String field, Object value) {
        return new Document("$eq", List.of(field, value));
    }

    /** A missing field as null, so that comparing it with a day or instant is false. */
    private static Document ifNull(String field) {
        return new Document("$ifNull", Arrays.asList(field, null));
    }

    /** Whether the field holds a value (not missing, not null). */
    private static Document present(String field) {
        return new Document("$gt", Arrays.asList(ifNull(field), null));
    }

    private static int number(Document row, String field) {
        return ((Number) row.get(field)).intValue();
    }

    private static Double medianHours(List<Long> millis) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2d;
        return Math.round(median / MILLIS_PER_HOUR * 10) / 10d;
    }

}
