package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.cancerplan.shared.England;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.core.Disposable;

/**
 * An abnormal screening result refers a patient who already has an open plan: the
 * referral date is a change to the plan like any other, so the patient's subscription is
 * pushed the plan and their access log shows who changed it.
 */
class ScreeningReferralTest extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final LocalDate TODAY = LocalDate.now(England.ZONE);

    private static final String STAFF = IdentityProviders.staffToken("R1H", "R8000");

    private static final String UPDATE = "mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i) { "
            + "plan { version } errors { code } } }";

    @Test
    void aReferralOfAPatientWithAnOpenPlanReachesTheirSubscriptionAndTheirAccessLog() throws Exception {
        ScreeningApi api = new ScreeningApi(graphql);
        String nhsNumber = api.patient("1958-03-03", null);
        api.invite(nhsNumber, "BOWEL", TODAY.minusDays(20));
        String externalId = api.externalIdOf(nhsNumber, 0);
        String planId = activePlanWithoutReferral(nhsNumber);
        LocalDate resultOn = TODAY.minusDays(2);
        WebSocketGraphQlTester socket = GraphQlTesters.webSocket(port, IdentityProviders.patientToken(nhsNumber));
        BlockingQueue<Response> pushes = new LinkedBlockingQueue<>();

        socket.start().block(WAIT);
        Disposable subscription = socket
            .document("subscription { myCancerPlanChanged { id version pathway { " + "referralReceivedOn } } }")
            .executeSubscription()
            .toFlux()
            .subscribe(pushes::add);
        try {
            int live = pushAfterAChangeByTheCareTeam(pushes, planId);

            api.result(externalId, "ABNORMAL", resultOn)
                .path("recordScreeningResult.errors")
                .entityList(Object.class)
                .hasSize(0);
            Response pushed = pushes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(pushed).as("the plan pushed to the patient after the referral").isNotNull();
            pushed.path("myCancerPlanChanged.id")
                .entity(String.class)
                .isEqualTo(planId)
                .path("myCancerPlanChanged.version")
                .entity(Integer.class)
                .isEqualTo(live + 1)
                .path("myCancerPlanChanged.pathway.referralReceivedOn")
                .entity(String.class)
                .isEqualTo(resultOn.toString());
        }
        finally {
            subscription.dispose();
            socket.stop().block(WAIT);
        }
        List<String> log = as(IdentityProviders.patientToken(nhsNumber)).documentName("patient-app/MyAccessLog")
            .variable("first", 20)
            .execute()
            .path("me.accessLog.edges[*].node")
            .entityList(Map.class)
            .get()
            .stream()
            .map(node -> node.get("action") + " by " + ((Map<?, ?>) node.get("actor")).get("kind") + " "
                    + ((Map<?, ?>) node.get("actor")).get("name"))
            .toList();
        assertThat(log).contains("PLAN_PATHWAY_RECORDED by SUPPORT screening-referral");
    }

    /**
     * Changes the plan's goals, again while nothing is pushed (the subscription may take
     * a moment to start), so that the subscription is known to be live; returns the
     * version last pushed.
     */
    private int pushAfterAChangeByTheCareTeam(BlockingQueue<Response> pushes, String planId) throws Exception {
        for (int version = 2; version < 12; version++) {
            as(STAFF).document(UPDATE)
                .variable("i",
                        Map.of("planId", planId, "expectedVersion", version, "goals",
                                List.of(Map.of("description", "Walk " + version))))
                .execute()
                .path("updateCancerPlan.plan.version")
                .entity(Integer.class)
                .isEqualTo(version + 1);
            Response pushed = pushes.poll(1, TimeUnit.SECONDS);
            if (pushed != null) {
                for (Response later = pushed; later != null; later = pushes.poll(500, TimeUnit.MILLISECONDS)) {
                    pushed = later; // pushes of earlier changes that came late
                }
                return pushed.path("myCancerPlanChanged.version").entity(Integer.class).get();
            }
        }
        throw new AssertionError("no change of the plan was pushed to the subscription");
    }

    /** A plan opened and made active by the care team, with no referral date. */
    private String activePlanWithoutReferral(String nhsNumber) {
        Response created = as(STAFF)
            .document("mutation($i: CreateCancerPlanInput!) { createCancerPlan(input: $i) { "
                    + "plan { id pathway { referralReceivedOn } } errors { code } } }")
            .variable("i", Map.of("nhsNumber", nhsNumber, "diagnosis", Map.of("cancerTypeCode", "C18.7")))
            .execute();
        created.path("createCancerPlan.plan.pathway.referralReceivedOn").valueIsNull();
        String planId = created.path("createCancerPlan.plan.id").entity(String.class).get();
        as(STAFF).document(UPDATE)
            .variable("i", Map.of("planId", planId, "expectedVersion", 1, "status", "ACTIVE"))
            .execute()
            .path("updateCancerPlan.plan.version")
            .entity(Integer.class)
            .isEqualTo(2);
        return planId;
    }

}
