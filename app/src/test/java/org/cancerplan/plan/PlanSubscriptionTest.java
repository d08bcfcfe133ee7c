package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.subscriptionEndedWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.test.StepVerifier;

class PlanSubscriptionTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * Time for a subscription to start on the service before the change it should see.
     */
    private static final Duration START = Duration.ofMillis(300);

    private static final String SUBSCRIPTION = "subscription { myCancerPlanChanged { id status version } }";

    @Test
    void thePatientIsPushedTheirPlanWhenTheCareTeamChangesIt() {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = activePlan(plans, nhsNumber);
        String otherPatient = plans.registerPatient();
        String otherPlan = plans.createPlan(otherPatient);
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, IdentityProviders.patientToken(nhsNumber));

        try {
            socket.start().block(WAIT);
            StepVerifier.create(socket.document(SUBSCRIPTION).executeSubscription().toFlux())
                .expectSubscription()
                .thenAwait(START)
                .then(() -> {
                    plans.status(otherPlan, 1, "ACTIVE");
                    plans.update(plans.staff, planId, 2, Map.of("goals", List.of(Map.of("description", "Walk"))));
                })
                .assertNext(pushed -> pushed.path("myCancerPlanChanged.id")
                    .entity(String.class)
                    .isEqualTo(planId)
                    .path("myCancerPlanChanged.version")
                    .entity(Integer.class)
                    .isEqualTo(3))
                .as("nothing about the other patient's plan")
                .expectNoEvent(Duration.ofMillis(500))
                .thenCancel()
                .verify(WAIT);
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void anIssuedTreatmentSummaryReachesThePatientsSubscription() {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = activePlan(plans, nhsNumber);
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/IssueTreatmentSummary").get("input"));
        input.putAll(Map.of("planId", planId, "expectedVersion", 2, "clientMutationId", "pushed-" + planId));
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, IdentityProviders.patientToken(nhsNumber));

        try {
            socket.start().block(WAIT);
            StepVerifier
                .create(socket
                    .document("subscription { myCancerPlanChanged { id version "
                            + "treatmentSummary { redFlagSymptoms } followUp { kind canRequestFollowUp } } }")
                    .executeSubscription()
                    .toFlux())
                .expectSubscription()
                .thenAwait(START)
                .then(() -> as(plans.staff).documentName("staff/IssueTreatmentSummary")
                    .variable("input", input)
                    .execute()
                    .path("issueTreatmentSummary.errors")
                    .entityList(Object.class)
                    .hasSize(0))
                .assertNext(pushed -> pushed.path("myCancerPlanChanged.version")
                    .entity(Integer.class)
                    .isEqualTo(3)
                    .path("myCancerPlanChanged.treatmentSummary.redFlagSymptoms")
                    .entityList(String.class)
                    .hasSize(3)
                    .path("myCancerPlanChanged.followUp.kind")
                    .entity(String.class)
                    .isEqualTo("PATIENT_INITIATED")
                    .path("myCancerPlanChanged.followUp.canRequestFollowUp")
                    .entity(Boolean.class)
                    .isEqualTo(true))
                .thenCancel()
                .verify(WAIT);
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void aSubscriptionEndsWhenTheConnectionsTokenExpiresAndTheConnectionServesNoMore() {
        PlanApi plans = new PlanApi(graphql);
        String nhsNumber = plans.registerPatient();
        String planId = activePlan(plans, nhsNumber);
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port,
                IdentityProviders.patientToken(nhsNumber, "P9", 3));

        try {
            socket.start().block(WAIT);
            StepVerifier.create(socket.document(SUBSCRIPTION).executeSubscription().toFlux())
                .expectSubscription()
                .thenAwait(START)
                .then(() -> plans.status(planId, 2, "COMPLETED"))
                .as("pushed while the token is good")
                .expectNextCount(1)
                .expectErrorSatisfies(subscriptionEndedWith("TOKEN_EXPIRED"))
                .verify(WAIT);
            StepVerifier.create(socket.document(SUBSCRIPTION).executeSubscription().toFlux())
                .as("a new subscription on the expired connection")
                .assertNext(refused -> {
                    assertThat(firstError(refused).getExtensions()).containsEntry("code", "TOKEN_EXPIRED");
                    assertThat(refused.returnResponse().<Object>getData()).isNull();
                })
                .verifyComplete();
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    @Test
    void aConnectionWithoutAValidTokenIsClosed() {
        // closed with 4401 Unauthorized before any connection_ack, so the connection
        // never starts. Tomcat's client now and then reports a close frame that raced
        // the TCP close as 1006, so a few connections are tried: none may start, and
        // the service's close code must show.
        List<String> closes = new ArrayList<>();
        while (closes.size() < 5 && closes.stream().noneMatch(close -> close.contains("code=4401"))) {
            WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, "not-a-token");
            Throwable refused = catchThrowable(() -> socket.start().block(WAIT));
            assertThat(refused).as("a connection without a valid token must not start").isNotNull();
            closes.add(String.valueOf(refused.getMessage()));
        }
        assertThat(closes).anyMatch(close -> close.contains("code=4401"));
    }

    @Test
    void aP5PatientCannotSubscribeToClinicalData() {
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port,
                IdentityProviders.patientToken("9434765919", "P5"));

        try {
            socket.start().block(WAIT);
            StepVerifier.create(socket.document(SUBSCRIPTION).executeSubscription().toFlux())
                .expectErrorSatisfies(subscriptionEndedWith("FORBIDDEN"))
                .verify(WAIT);
        }
        finally {
            socket.stop().block(WAIT);
        }
    }

    private static String activePlan(PlanApi plans, String nhsNumber) {
        String planId = plans.createPlan(nhsNumber);
        plans.status(planId, 1, "ACTIVE");
        return planId;
    }

}
