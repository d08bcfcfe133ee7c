package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanApiTest extends ApiTest {

    private PlanApi plans;

    @BeforeEach
    void api() {
        plans = new PlanApi(graphql);
    }

    @Test
    void theContractOperationsTakeAPlanFromCreationToThePatientsAcknowledgement() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);

        Response updated = graphql.post(plans.staff, Contract.operation("staff/UpdatePlan"),
                withPlan("staff/UpdatePlan", planId));
        Response recorded = graphql.post(plans.staff, Contract.operation("staff/RecordPathwayEvent"),
                withPlan("staff/RecordPathwayEvent", planId));
        String patient = IdentityProviders.patientToken(nhsNumber);
        Response acknowledged = graphql.post(patient, Contract.operation("patient-app/AcknowledgePlan"),
                withPlan("patient-app/AcknowledgePlan", planId));
        Response report = graphql.post(plans.staff, Contract.operation("staff/WaitingTimes"),
                Contract.variables("staff/WaitingTimes"));

        assertThat(updated.data("updateCancerPlan/errors")).as(updated.body().toString()).isEmpty();
        assertThat(updated.data("updateCancerPlan/plan/status").asString()).isEqualTo("ACTIVE");
        assertThat(updated.data("updateCancerPlan/plan/version").asInt()).isEqualTo(2);
        assertThat(updated.data("updateCancerPlan/plan/needs")).hasSize(2);
        assertThat(updated.data("updateCancerPlan/plan/goals/0/id").asString()).isNotBlank();
        assertThat(recorded.data("recordPathwayEvent/errors")).as(recorded.body().toString()).isEmpty();
        assertThat(recorded.data("recordPathwayEvent/plan/version").asInt()).isEqualTo(3);
        assertThat(recorded.data("recordPathwayEvent/plan/pathway/fasterDiagnosisStandard/status").asString())
                .isEqualTo("MET");
        assertThat(recorded.data("recordPathwayEvent/plan/pathway/fasterDiagnosisStandard/dueBy").asString())
                .isEqualTo("2026-10-13");
        assertThat(acknowledged.data("acknowledgeCancerPlan/errors")).as(acknowledged.body().toString()).isEmpty();
        assertThat(acknowledged.data("acknowledgeCancerPlan/plan/version").asInt()).isEqualTo(4);
        assertThat(acknowledged.data("acknowledgeCancerPlan/plan/acknowledgedAt").asString()).isNotBlank();
        assertThat(report.data("waitingTimes/fasterDiagnosis/measured").asInt()).isEqualTo(1);
        assertThat(report.data("waitingTimes/fasterDiagnosis/met").asInt()).isEqualTo(1);
        assertThat(report.data("waitingTimes/fasterDiagnosis/rate").asDouble()).isEqualTo(1.0);
        assertThat(report.data("waitingTimes/fasterDiagnosis/target").asDouble()).isEqualTo(0.8);
        assertThat(report.data("waitingTimes/referralToTreatment/measured").asInt()).isZero();
        assertThat(report.data("waitingTimes/referralToTreatment/target").asDouble()).isEqualTo(0.85);
    }

    @Test
    void theDiagnosisGetsItsDisplayTextAndRareCancerFlag() {
        String planId = plans.createPlan(plans.registerPatient());
        Response colon = plans.update(plans.staff, planId, 1, Map.of());
        Response mesothelioma = plans.update(plans.staff, planId, 2, Map.of("diagnosis",
                Map.of("cancerTypeCode", "c45.0", "stage", "T2 N0 M0")));
        Response notACancer = plans.update(plans.staff, planId, 3, Map.of("diagnosis",
                Map.of("cancerTypeCode", "J45")));

        assertThat(colon.data("updateCancerPlan/plan/diagnosis/cancerType/display").asString())
                .isEqualTo("Malignant neoplasm of colon");
        assertThat(colon.data("updateCancerPlan/plan/diagnosis/rareCancer").asBoolean()).isFalse();
        assertThat(mesothelioma.data("updateCancerPlan/plan/diagnosis/cancerType/code").asString()).isEqualTo("C45.0");
        assertThat(mesothelioma.data("updateCancerPlan/plan/diagnosis/rareCancer").asBoolean()).isTrue();
        assertThat(notACancer.data("updateCancerPlan/errors/0/code").asString()).isEqualTo("INVALID_CANCER_TYPE");
        assertThat(notACancer.data("updateCancerPlan/errors/0/field").asString())
                .isEqualTo("diagnosis.cancerTypeCode");
    }

    @Test
    void aStaleVersionIsRefusedAndNothingIsOverwritten() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        plans.update(plans.staff, planId, 1, Map.of("goals", List.of(Map.of("description", "First"))));

        Response stale = plans.update(plans.staff, planId, 1, Map.of("goals", List.of(Map.of("description",
                "Overwrite"))));

        assertThat(stale.data("updateCancerPlan/errors/0/code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.data("updateCancerPlan/plan").isNull()).isTrue();
        assertThat(plans.plan(nhsNumber).at("/goals/0/description").asString()).isEqualTo("First");
    }

    @Test
    void concurrentUpdatesFromTheSameVersionLetExactlyOneWin() throws Exception {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Callable<Response>> edits = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String goal = "Goal from writer " + i;
            edits.add(() -> plans.update(plans.staff, planId, 1, Map.of("goals", List.of(Map.of("description", goal)))));
        }
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> future : pool.invokeAll(edits)) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        List<Response> won = responses.stream().filter(r -> r.data("updateCancerPlan/errors").isEmpty()).toList();
        assertThat(won).hasSize(1);
        assertThat(responses.stream().filter(r -> !r.data("updateCancerPlan/errors").isEmpty()))
                .hasSize(writers - 1)
                .allSatisfy(r -> assertThat(r.data("updateCancerPlan/errors/0/code").asString())
                        .isEqualTo("VERSION_CONFLICT"));
        JsonNode plan = plans.plan(nhsNumber);
        assertThat(plan.get("version").asInt()).isEqualTo(2);
        assertThat(plan.at("/goals/0/description").asString())
                .isEqualTo(won.get(0).data("updateCancerPlan/plan/goals/0/description").asString());
        assertThat(plan.get("history")).hasSize(2);
    }

    @Test
    void aRetriedMutationReturnsTheFirstResultWithoutActingTwice() {
        String nhsNumber = plans.registerPatient();
        Response created = plans.create(plans.staff, nhsNumber, "create-" + nhsNumber);
        Response createdAgain = plans.create(plans.staff, nhsNumber, "create-" + nhsNumber);
        String planId = created.data("createCancerPlan/plan/id").asString();
        Map<String, Object> change = Map.of("needs", List.of(Map.of("domain", "SOCIAL", "concern", "Travel",
                "severity", 5)), "clientMutationId", "update-" + nhsNumber);

        Response first = plans.update(plans.staff, planId, 1, change);
        Response retry = plans.update(plans.staff, planId, 1, change);

        assertThat(createdAgain.data("createCancerPlan/plan/id").asString()).isEqualTo(planId);
        assertThat(createdAgain.data("createCancerPlan/errors")).isEmpty();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.data("updateCancerPlan/plan/version").asInt()).isEqualTo(2);
        assertThat(plans.plan(nhsNumber).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aPatientHasOneOpenPlanAtATimeAndKeepsTheEarlierOnes() {
        String nhsNumber = plans.registerPatient();
        String first = plans.createPlan(nhsNumber);

        Response second = plans.create(plans.staff, nhsNumber, null);
        plans.status(first, 1, "ACTIVE");
        plans.status(first, 2, "COMPLETED");
        String third = plans.createPlan(nhsNumber);
        Response all = graphql.post(plans.staff, "query($n: NhsNumber!) { patient(nhsNumber: $n) { "
                + "cancerPlan { id } cancerPlans { id status } } }", Map.of("n", nhsNumber));

        assertThat(second.data("createCancerPlan/errors/0/code").asString()).isEqualTo("CONFLICT");
        assertThat(all.data("patient/cancerPlan/id").asString()).isEqualTo(third);
        assertThat(all.data("patient/cancerPlans")).hasSize(2);
        assertThat(all.data("patient/cancerPlans/1/status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void pathwayDatesMustBeInOrderAndNotInTheFuture() {
        String planId = plans.createPlan(plans.registerPatient());

        Response beforeReferral = plans.pathway(planId, 1, "FIRST_TREATMENT", "2026-09-01");
        Response future = plans.pathway(planId, 1, "DECISION_TO_TREAT", "2099-01-01");
        Response both = plans.pathway(planId, 1, "DIAGNOSIS_COMMUNICATED", "2026-10-01");
        Response ruledOutToo = plans.pathway(planId, 2, "CANCER_RULED_OUT", "2026-10-02");

        assertThat(beforeReferral.data("recordPathwayEvent/errors/0/code").asString()).isEqualTo("DATES_OUT_OF_ORDER");
        assertThat(beforeReferral.data("recordPathwayEvent/errors/0/field").asString()).isEqualTo("on");
        assertThat(future.data("recordPathwayEvent/errors/0/code").asString()).isEqualTo("DATE_IN_FUTURE");
        assertThat(both.data("recordPathwayEvent/errors")).isEmpty();
        assertThat(ruledOutToo.data("recordPathwayEvent/errors/0/code").asString()).isEqualTo("CONFLICTING_OUTCOME");
    }

    @Test
    void thePatientSeesThePlanOnlyOnceActiveAndP5PatientsAreToldWhy() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String query = "{ me { cancerPlan { id status } } }";

        Response whileDraft = graphql.post(IdentityProviders.patientToken(nhsNumber), query);
        plans.status(planId, 1, "ACTIVE");
        Response whenActive = graphql.post(IdentityProviders.patientToken(nhsNumber), query);
        Response p5 = graphql.post(IdentityProviders.patientToken(nhsNumber, "P5"), query);

        assertThat(whileDraft.data("me/cancerPlan").isNull()).isTrue();
        assertThat(whenActive.data("me/cancerPlan/id").asString()).isEqualTo(planId);
        assertThat(p5.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(p5.body().at("/errors/0/message").asString()).contains("P9");
    }

    @Test
    void staffOutsideTheCareTeamGetNeitherThePlanNorAChange() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String outsider = IdentityProviders.staffToken("Dr Elsewhere", "RQX", "R8000");

        Response read = graphql.post(outsider, "query($n: NhsNumber!) { patient(nhsNumber: $n) { givenName "
                + "cancerPlan { id needs { concern } } } }", Map.of("n", nhsNumber));
        Response change = plans.update(outsider, planId, 1, Map.of("status", "REVOKED"));

        assertThat(read.data("patient/givenName").asString()).isEqualTo("Plan");
        assertThat(read.data("patient/cancerPlan").isNull()).isTrue();
        assertThat(read.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(change.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(plans.plan(nhsNumber).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void aPatientCannotTellAnotherPatientsPlanFromAMissingOne() {
        String victim = plans.registerPatient();
        String victimsPlan = plans.createPlan(victim);
        plans.status(victimsPlan, 1, "ACTIVE");
        String attacker = IdentityProviders.patientToken(plans.registerPatient());

        Response theirs = graphql.post(attacker, Contract.operation("patient-app/AcknowledgePlan"),
                Map.of("input", Map.of("planId", victimsPlan, "expectedVersion", 2)));
        Response missing = graphql.post(attacker, Contract.operation("patient-app/AcknowledgePlan"),
                Map.of("input", Map.of("planId", "64b7f0c2a1b2c3d4e5f60718", "expectedVersion", 2)));

        assertThat(theirs.body()).isEqualTo(missing.body());
        assertThat(theirs.data("acknowledgeCancerPlan/errors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(plans.plan(victim).get("acknowledgedAt").isNull()).isTrue();
    }

    @Test
    void staffSeeTheChangeHistoryPatientsDoNot() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        plans.status(planId, 1, "ACTIVE");

        JsonNode history = plans.plan(nhsNumber).get("history");
        Response asPatient = graphql.post(IdentityProviders.patientToken(nhsNumber),
                "{ me { cancerPlan { history { summary } } } }");

        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("summary").asString()).contains("DRAFT -> ACTIVE");
        assertThat(history.get(0).get("actorName").asString()).isEqualTo("Dr Plan");
        assertThat(history.get(1).get("summary").asString()).isEqualTo("Plan opened");
        assertThat(asPatient.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void freeTextIsKeptAsGivenWithinItsLimits() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String markup = "<script>alert('x')</script> & worry";

        Response kept = plans.update(plans.staff, planId, 1, Map.of("needs", List.of(Map.of("domain",
                "MENTAL_HEALTH", "concern", markup, "severity", 4))));
        Response tooLong = plans.update(plans.staff, planId, 2, Map.of("needs", List.of(Map.of("domain", "SOCIAL",
                "concern", "x".repeat(501), "severity", 11))));

        assertThat(kept.data("updateCancerPlan/plan/needs/0/concern").asString()).isEqualTo(markup);
        assertThat(tooLong.data("updateCancerPlan/errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("needs[0].concern", "needs[0].severity");
    }

    private static Map<String, Object> withPlan(String operation, String planId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
        input.put("planId", planId);
        return Map.of("input", input);
    }
}
