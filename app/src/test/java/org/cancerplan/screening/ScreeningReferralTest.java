package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An abnormal screening result refers a patient who already has an open plan: the referral date is a change to the
 * plan like any other, so the patient's subscription is pushed the plan and their access log shows who changed it.
 */
class ScreeningReferralTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    private static final String STAFF = IdentityProviders.staffToken("R1H", "R8000");

    @Test
    void aReferralOfAPatientWithAnOpenPlanReachesTheirSubscriptionAndTheirAccessLog() throws Exception {
        ScreeningApi api = new ScreeningApi(graphql);
        String nhsNumber = api.patient("1958-03-03", null);
        api.invite(nhsNumber, "BOWEL", TODAY.minusDays(20));
        String externalId = api.externalIdOf(nhsNumber, 0);
        String planId = activePlanWithoutReferral(nhsNumber);
        LocalDate resultOn = TODAY.minusDays(2);

        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload",
                    Map.of("Authorization", "Bearer " + IdentityProviders.patientToken(nhsNumber))));
            assertThat(socket.next(WAIT).get("type").asString()).isEqualTo("connection_ack");
            socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query",
                    "subscription { myCancerPlanChanged { id version pathway { referralReceivedOn } } }")));
            int live = pushAfterAChangeByTheCareTeam(socket, planId);

            Response recorded = api.result(externalId, "ABNORMAL", resultOn);
            JsonNode pushed = socket.next(WAIT);

            assertThat(recorded.data("recordScreeningResult/errors")).as(recorded.body().toString()).isEmpty();
            assertThat(pushed).as("the plan pushed to the patient after the referral").isNotNull();
            assertThat(pushed.at("/payload/data/myCancerPlanChanged/id").asString()).as(pushed.toString())
                    .isEqualTo(planId);
            assertThat(pushed.at("/payload/data/myCancerPlanChanged/version").asInt()).isEqualTo(live + 1);
            assertThat(pushed.at("/payload/data/myCancerPlanChanged/pathway/referralReceivedOn").asString())
                    .isEqualTo(resultOn.toString());
        }
        Response log = graphql.post(IdentityProviders.patientToken(nhsNumber),
                Contract.operation("patient-app/MyAccessLog"), Map.of("first", 20));
        assertThat(log.body().at("/data/me/accessLog/edges").valueStream().map(edge -> edge.at("/node/action")
                .asString() + " by " + edge.at("/node/actor/kind").asString() + " " + edge.at("/node/actor/name")
                .asString()).toList()).as(log.body().toString())
                .contains("PLAN_PATHWAY_RECORDED by SUPPORT screening-referral");
    }

    /**
     * Changes the plan's goals, again while nothing is pushed (the subscription may take a moment to start), so that
     * the subscription is known to be live; returns the version pushed.
     */
    private int pushAfterAChangeByTheCareTeam(GraphQlWebSocket socket, String planId) throws Exception {
        for (int version = 2; version < 12; version++) {
            Response changed = graphql.post(STAFF, "mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i) "
                    + "{ plan { version } errors { code } } }", Map.of("i", Map.of("planId", planId,
                            "expectedVersion", version, "goals", List.of(Map.of("description", "Walk " + version)))));
            assertThat(changed.data("updateCancerPlan/plan/version").asInt()).as(changed.body().toString())
                    .isEqualTo(version + 1);
            JsonNode pushed = socket.next(Duration.ofSeconds(1));
            if (pushed != null) {
                for (JsonNode later = pushed; later != null; later = socket.next(Duration.ofMillis(500))) {
                    pushed = later; // pushes of earlier changes that came late
                }
                return pushed.at("/payload/data/myCancerPlanChanged/version").asInt();
            }
        }
        throw new AssertionError("no change of the plan was pushed to the subscription");
    }

    /** A plan opened and made active by the care team, with no referral date. */
    private String activePlanWithoutReferral(String nhsNumber) {
        Response created = graphql.post(STAFF, "mutation($i: CreateCancerPlanInput!) { createCancerPlan(input: $i) { "
                + "plan { id pathway { referralReceivedOn } } errors { code } } }",
                Map.of("i", Map.of("nhsNumber", nhsNumber, "diagnosis", Map.of("cancerTypeCode", "C18.7"))));
        String planId = created.data("createCancerPlan/plan/id").asString();
        assertThat(created.data("createCancerPlan/plan/pathway/referralReceivedOn").isNull())
                .as(created.body().toString()).isTrue();
        Response activated = graphql.post(STAFF, "mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i) "
                + "{ plan { version } errors { code } } }", Map.of("i", Map.of("planId", planId, "expectedVersion", 1,
                        "status", "ACTIVE")));
        assertThat(activated.data("updateCancerPlan/plan/version").asInt()).as(activated.body().toString())
                .isEqualTo(2);
        return planId;
    }
}
