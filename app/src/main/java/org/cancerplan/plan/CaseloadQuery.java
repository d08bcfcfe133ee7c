package org.cancerplan.plan;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.shared.BadInputException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * A page of a lead's caseload and the caseload's size in one aggregation
 * ({@code $facet}): one round trip however large the page, on the {@code lead_caseload}
 * index.
 */
@Component
class CaseloadQuery {

    private final MongoTemplate mongo;

    CaseloadQuery(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The plans after the position (by id, the key {@code id}) and how many plans the
     * caseload holds in all.
     */
    CaseloadPage page(String leadId, ScrollPosition after, int count) {
        Criteria inCaseload = Criteria.where("neighbourhoodLead.leadId")
            .is(leadId)
            .and("status")
            .ne(PlanStatus.REVOKED.name());
        ObjectId afterId = afterId(after);
        Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(inCaseload),
                Aggregation
                    .facet(Aggregation.match(afterId == null ? new Criteria() : Criteria.where("_id").gt(afterId)),
                            Aggregation.sort(Sort.Direction.ASC, "_id"), Aggregation.limit(count + 1L))
                    .as("page")
                    .and(Aggregation.count().as("plans"))
                    .as("total"));
        Document result = mongo.aggregate(aggregation, CancerPlan.class, Document.class).getUniqueMappedResult();
        List<CancerPlan> plans = result.getList("page", Document.class)
            .stream()
            .map(plan -> mongo.getConverter().read(CancerPlan.class, plan))
            .toList();
        List<Document> total = result.getList("total", Document.class);
        long size = total.isEmpty() ? 0 : ((Number) total.get(0).get("plans")).longValue();
        List<CancerPlan> shown = plans.subList(0, Math.min(count, plans.size()));
        return new CaseloadPage(Window.from(shown, i -> ScrollPosition.forward(Map.of("id", shown.get(i).getId())),
                plans.size() > count), size);
    }

    private static ObjectId afterId(ScrollPosition after) {
        if (!(after instanceof KeysetScrollPosition keyset) || keyset.isInitial()) {
            return null;
        }
        if (!(keyset.getKeys().get("id") instanceof String id) || !ObjectId.isValid(id)) {
            throw new BadInputException("after", "after is not a cursor of a caseload");
        }
        return new ObjectId(id);
    }

}
