package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlWebSocket;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanSubscriptionTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SUBSCRIPTION = "subscription { myCancerPlanChanged { id status version } }";

    @Test
    void thePatientIsPushedTheirPlanWhenTheCareTeamChangesIt() throws Exception {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = activePlan(plans, nhsNumber);
        String otherPatient = plans.registerPatient();
        String otherPlan = plans.createPlan(otherPatient);

        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            subscribe(socket, IdentityProviders.patientToken(nhsNumber));

            plans.status(otherPlan, 1, "ACTIVE");
            plans.update(plans.staff, planId, 2, Map.of("goals", java.util.List.of(Map.of("description", "Walk"))));
            JsonNode pushed = socket.next(WAIT);

            assertThat(pushed.get("type").asString()).as(pushed.toString()).isEqualTo("next");
            assertThat(pushed.at("/payload/data/myCancerPlanChanged/id").asString()).isEqualTo(planId);
            assertThat(pushed.at("/payload/data/myCancerPlanChanged/version").asInt()).isEqualTo(3);
            assertThat(socket.next(Duration.ofMillis(500))).as("nothing about the other patient's plan").isNull();
        }
    }

    @Test
    void aSubscriptionEndsWhenTheConnectionsTokenExpiresAndTheConnectionServesNoMore() throws Exception {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = activePlan(plans, nhsNumber);
        String shortLived = IdentityProviders.patientToken(nhsNumber, "P9", 3);

        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            subscribe(socket, shortLived);
            plans.status(planId, 2, "COMPLETED");
            assertThat(socket.next(WAIT).get("type").asString()).as("pushed while the token is good").isEqualTo("next");

            JsonNode ended = socket.next(WAIT);

            assertThat(ended.get("type").asString()).as(ended.toString()).isEqualTo("error");
            assertThat(ended.at("/payload/0/extensions/code").asString()).as(ended.toString()).isEqualTo("TOKEN_EXPIRED");
            socket.send(Map.of("id", "2", "type", "subscribe", "payload", Map.of("query", SUBSCRIPTION)));
            JsonNode refused = socket.next(WAIT);
            assertThat(refused.toString()).as("a new subscription on the expired connection").contains("TOKEN_EXPIRED")
                    .doesNotContain("myCancerPlanChanged\":{");
        }
    }

    @Test
    void aConnectionWithoutAValidTokenIsClosed() throws Exception {
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not-a-token")));

            // 4401 Unauthorized; the JDK client sometimes reports the server's close as abnormal (1006)
            assertThat(socket.closeCode(WAIT)).isIn(4401, 1006);
            assertThat(socket.next(Duration.ofMillis(200))).as("no connection_ack").isNull();
        }
    }

    @Test
    void aP5PatientCannotSubscribeToClinicalData() throws Exception {
        try (GraphQlWebSocket socket = new GraphQlWebSocket(port)) {
            socket.send(Map.of("type", "connection_init", "payload",
                    Map.of("Authorization", "Bearer " + IdentityProviders.patientToken("9434765919", "P5"))));
            assertThat(socket.next(WAIT).get("type").asString()).isEqualTo("connection_ack");
            socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", SUBSCRIPTION)));

            JsonNode refused = socket.next(WAIT);

            assertThat(refused.get("type").asString()).as(refused.toString()).isEqualTo("error");
            assertThat(refused.toString()).contains("FORBIDDEN");
        }
    }

    private static String activePlan(PlanApi plans, String nhsNumber) {
        String planId = plans.createPlan(nhsNumber);
        plans.status(planId, 1, "ACTIVE");
        return planId;
    }

    /** Opens the connection with the token and subscribes to the plan (id 1), giving it time to start. */
    private static void subscribe(GraphQlWebSocket socket, String token) throws InterruptedException {
        socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        assertThat(socket.next(WAIT).get("type").asString()).isEqualTo("connection_ack");
        socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", SUBSCRIPTION)));
        Thread.sleep(300); // let the subscription start before the change
    }
}
