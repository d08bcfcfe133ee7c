package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.support.IsolatedStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * A handover that fails half-way leaves every plan either moved or untouched, and running
 * it again finishes it. The failure is real: the store refuses the audit write for the
 * third plan. Runs on a store of its own.
 */
class HandoverFailureTest extends IsolatedStoreTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void aHandoverStoppedHalfWayLeavesEachPlanMovedOrUntouchedAndARerunFinishesIt() {
        LeadApi api = new LeadApi(graphql);
        String from = api.registerLead("Old Lead", "Hackney", 10);
        String to = api.registerLead("New Lead", "Hackney", 10);
        List<String> planIds = api.plans(5);
        planIds.forEach(id -> api.assign(api.careTeam, id, 1, from, null));
        String third = patientOf(planIds.get(2));
        mongo.insert(new Document("patientNhsNumber", third).append("action", "PLAN_LEAD_HANDED_OVER"), "auditEvents");
        String blocker = mongo.indexOps("auditEvents")
            .createIndex(
                    new Index().on("patientNhsNumber", Sort.Direction.ASC).on("action", Sort.Direction.ASC).unique());

        Response stopped = api.handOver(Map.of("fromLeadId", from, "toLeadId", to));

        stopped.path("handOverCaseload.moved")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("handOverCaseload.remaining")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("handOverCaseload.errors[0].code")
            .entity(String.class)
            .isEqualTo("HANDOVER_INCOMPLETE");
        for (int i = 0; i < planIds.size(); i++) {
            Document plan = plan(planIds.get(i));
            boolean moved = i < 2;
            assertThat(lead(plan)).isEqualTo(moved ? to : from);
            assertThat(plan.getLong("revision")).as("plan %d written once or not at all", i).isEqualTo(moved ? 2 : 1);
        }

        mongo.indexOps("auditEvents").dropIndex(blocker);
        Response finished = api.handOver(Map.of("fromLeadId", from, "toLeadId", to));

        finished.path("handOverCaseload.moved")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("handOverCaseload.remaining")
            .entity(Integer.class)
            .isEqualTo(0);
        assertThat(planIds).allSatisfy(id -> {
            assertThat(lead(plan(id))).isEqualTo(to);
            assertThat(plan(id).getLong("revision")).isEqualTo(2);
        });
    }

    private Document plan(String id) {
        return mongo.findById(new ObjectId(id), Document.class, "cancerPlans");
    }

    private String patientOf(String planId) {
        return plan(planId).getString("patientNhsNumber");
    }

    private static String lead(Document plan) {
        return plan.get("neighbourhoodLead", Document.class).getString("leadId");
    }

}
