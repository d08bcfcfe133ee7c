package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cancerplan.plan.PlanApi.Plan;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

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

        Response updated = as(plans.staff).documentName("staff/UpdatePlan")
            .variables(withPlan("staff/UpdatePlan", planId))
            .execute();
        Response recorded = as(plans.staff).documentName("staff/RecordPathwayEvent")
            .variables(withPlan("staff/RecordPathwayEvent", planId))
            .execute();
        String patient = IdentityProviders.patientToken(nhsNumber);
        Response acknowledged = as(patient).documentName("patient-app/AcknowledgePlan")
            .variables(withPlan("patient-app/AcknowledgePlan", planId))
            .execute();
        Response report = as(plans.staff).documentName("staff/WaitingTimes")
            .variables(Contract.variables("staff/WaitingTimes"))
            .execute();

        updated.path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("updateCancerPlan.plan.status")
            .entity(String.class)
            .isEqualTo("ACTIVE")
            .path("updateCancerPlan.plan.version")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("updateCancerPlan.plan.needs")
            .entityList(Object.class)
            .hasSize(2)
            .path("updateCancerPlan.plan.goals[0].id")
            .entity(String.class)
            .satisfies(id -> assertThat(id).isNotBlank());
        recorded.path("recordPathwayEvent.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("recordPathwayEvent.plan.version")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("recordPathwayEvent.plan.pathway.fasterDiagnosisStandard.status")
            .entity(String.class)
            .isEqualTo("MET")
            .path("recordPathwayEvent.plan.pathway.fasterDiagnosisStandard.dueBy")
            .entity(String.class)
            .isEqualTo("2026-10-13");
        acknowledged.path("acknowledgeCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("acknowledgeCancerPlan.plan.version")
            .entity(Integer.class)
            .isEqualTo(4)
            .path("acknowledgeCancerPlan.plan.acknowledgedAt")
            .entity(String.class)
            .satisfies(at -> assertThat(at).isNotBlank());
        report.path("waitingTimes.fasterDiagnosis.measured")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("waitingTimes.fasterDiagnosis.met")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("waitingTimes.fasterDiagnosis.rate")
            .entity(Double.class)
            .isEqualTo(1.0)
            .path("waitingTimes.fasterDiagnosis.target")
            .entity(Double.class)
            .isEqualTo(0.8)
            .path("waitingTimes.referralToTreatment.measured")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("waitingTimes.referralToTreatment.target")
            .entity(Double.class)
            .isEqualTo(0.85);
    }

    @Test
    void theDiagnosisGetsItsDisplayTextAndRareCancerFlag() {
        String planId = plans.createPlan(plans.registerPatient());
        Response colon = plans.update(plans.staff, planId, 1, Map.of());
        Response mesothelioma = plans.update(plans.staff, planId, 2,
                Map.of("diagnosis", Map.of("cancerTypeCode", "c45.0", "stage", "T2 N0 M0")));
        Response notACancer = plans.update(plans.staff, planId, 3,
                Map.of("diagnosis", Map.of("cancerTypeCode", "J45")));

        colon.path("updateCancerPlan.plan.diagnosis.cancerType.display")
            .entity(String.class)
            .isEqualTo("Malignant neoplasm of colon")
            .path("updateCancerPlan.plan.diagnosis.rareCancer")
            .entity(Boolean.class)
            .isEqualTo(false);
        mesothelioma.path("updateCancerPlan.plan.diagnosis.cancerType.code")
            .entity(String.class)
            .isEqualTo("C45.0")
            .path("updateCancerPlan.plan.diagnosis.rareCancer")
            .entity(Boolean.class)
            .isEqualTo(true);
        notACancer.path("updateCancerPlan.errors[0].code")
            .entity(String.class)
            .isEqualTo("INVALID_CANCER_TYPE")
            .path("updateCancerPlan.errors[0].field")
            .entity(String.class)
            .isEqualTo("diagnosis.cancerTypeCode");
    }

    @Test
    void aStaleVersionIsRefusedAndNothingIsOverwritten() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        plans.update(plans.staff, planId, 1, Map.of("goals", List.of(Map.of("description", "First"))));

        Response stale = plans.update(plans.staff, planId, 1,
                Map.of("goals", List.of(Map.of("description", "Overwrite"))));

        stale.path("updateCancerPlan.errors[0].code")
            .entity(String.class)
            .isEqualTo("VERSION_CONFLICT")
            .path("updateCancerPlan.plan")
            .valueIsNull();
        assertThat(plans.plan(nhsNumber).goals().get(0).description()).isEqualTo("First");
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
            edits
                .add(() -> plans.update(plans.staff, planId, 1, Map.of("goals", List.of(Map.of("description", goal)))));
        }
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> future : pool.invokeAll(edits)) {
                responses.add(future.get());
            }
        }
        finally {
            pool.shutdown();
        }

        List<Response> won = responses.stream().filter(r -> errorsOf(r).isEmpty()).toList();
        assertThat(won).hasSize(1);
        assertThat(responses.stream().filter(r -> !errorsOf(r).isEmpty())).hasSize(writers - 1)
            .allSatisfy(
                    r -> r.path("updateCancerPlan.errors[0].code").entity(String.class).isEqualTo("VERSION_CONFLICT"));
        Plan plan = plans.plan(nhsNumber);
        assertThat(plan.version()).isEqualTo(2);
        assertThat(plan.goals().get(0).description())
            .isEqualTo(won.get(0).path("updateCancerPlan.plan.goals[0].description").entity(String.class).get());
        assertThat(plan.history()).hasSize(2);
    }

    @Test
    void aRetriedMutationReturnsTheFirstResultWithoutActingTwice() {
        String nhsNumber = plans.registerPatient();
        Response created = plans.create(plans.staff, nhsNumber, "create-" + nhsNumber);
        Response createdAgain = plans.create(plans.staff, nhsNumber, "create-" + nhsNumber);
        String planId = created.path("createCancerPlan.plan.id").entity(String.class).get();
        Map<String, Object> change = Map.of("needs",
                List.of(Map.of("domain", "SOCIAL", "concern", "Travel", "severity", 5)), "clientMutationId",
                "update-" + nhsNumber);

        Response first = plans.update(plans.staff, planId, 1, change);
        Response retry = plans.update(plans.staff, planId, 1, change);

        createdAgain.path("createCancerPlan.plan.id")
            .entity(String.class)
            .isEqualTo(planId)
            .path("createCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
        assertThat(retry.returnResponse().toMap()).isEqualTo(first.returnResponse().toMap());
        retry.path("updateCancerPlan.plan.version").entity(Integer.class).isEqualTo(2);
        assertThat(plans.plan(nhsNumber).version()).isEqualTo(2);
    }

    @Test
    void aPatientHasOneOpenPlanAtATimeAndKeepsTheEarlierOnes() {
        String nhsNumber = plans.registerPatient();
        String first = plans.createPlan(nhsNumber);

        Response second = plans.create(plans.staff, nhsNumber, null);
        plans.status(first, 1, "ACTIVE");
        plans.status(first, 2, "COMPLETED");
        String third = plans.createPlan(nhsNumber);
        Response all = as(plans.staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { "
                    + "cancerPlan { id } cancerPlans { id status } } }")
            .variable("n", nhsNumber)
            .execute();

        second.path("createCancerPlan.errors[0].code").entity(String.class).isEqualTo("CONFLICT");
        all.path("patient.cancerPlan.id")
            .entity(String.class)
            .isEqualTo(third)
            .path("patient.cancerPlans")
            .entityList(Object.class)
            .hasSize(2)
            .path("patient.cancerPlans[1].status")
            .entity(String.class)
            .isEqualTo("COMPLETED");
    }

    @Test
    void pathwayDatesMustBeInOrderAndNotInTheFuture() {
        String planId = plans.createPlan(plans.registerPatient());

        Response beforeReferral = plans.pathway(planId, 1, "FIRST_TREATMENT", "2026-09-01");
        Response future = plans.pathway(planId, 1, "DECISION_TO_TREAT", "2099-01-01");
        Response both = plans.pathway(planId, 1, "DIAGNOSIS_COMMUNICATED", "2026-10-01");
        Response ruledOutToo = plans.pathway(planId, 2, "CANCER_RULED_OUT", "2026-10-02");

        beforeReferral.path("recordPathwayEvent.errors[0].code")
            .entity(String.class)
            .isEqualTo("DATES_OUT_OF_ORDER")
            .path("recordPathwayEvent.errors[0].field")
            .entity(String.class)
            .isEqualTo("on");
        future.path("recordPathwayEvent.errors[0].code").entity(String.class).isEqualTo("DATE_IN_FUTURE");
        both.path("recordPathwayEvent.errors").entityList(Object.class).hasSize(0);
        ruledOutToo.path("recordPathwayEvent.errors[0].code").entity(String.class).isEqualTo("CONFLICTING_OUTCOME");
    }

    @Test
    void thePatientSeesThePlanOnlyOnceActiveAndP5PatientsAreToldWhy() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String query = "{ me { cancerPlan { id status } } }";

        Response whileDraft = as(IdentityProviders.patientToken(nhsNumber)).document(query).execute();
        plans.status(planId, 1, "ACTIVE");
        Response whenActive = as(IdentityProviders.patientToken(nhsNumber)).document(query).execute();
        Response p5 = as(IdentityProviders.patientToken(nhsNumber, "P5")).document(query).execute();

        whileDraft.path("me.cancerPlan").valueIsNull();
        whenActive.path("me.cancerPlan.id").entity(String.class).isEqualTo(planId);
        assertThat(firstError(p5).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(firstError(p5).getMessage()).contains("P9");
    }

    @Test
    void staffOutsideTheCareTeamGetNeitherThePlanNorAChange() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String outsider = IdentityProviders.staffToken("Dr Elsewhere", "RQX", "R8000");

        Response read = as(outsider)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { givenName "
                    + "cancerPlan { id needs { concern } } } }")
            .variable("n", nhsNumber)
            .execute();
        Response change = plans.update(outsider, planId, 1, Map.of("status", "REVOKED"));

        assertThat(firstError(read).getExtensions()).containsEntry("classification", "FORBIDDEN");
        read.path("patient.givenName").entity(String.class).isEqualTo("Plan").path("patient.cancerPlan").valueIsNull();
        assertThat(firstError(change).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(plans.plan(nhsNumber).status()).isEqualTo("DRAFT");
    }

    @Test
    void aPatientCannotTellAnotherPatientsPlanFromAMissingOne() {
        String victim = plans.registerPatient();
        String victimsPlan = plans.createPlan(victim);
        plans.status(victimsPlan, 1, "ACTIVE");
        String attacker = IdentityProviders.patientToken(plans.registerPatient());

        Response theirs = as(attacker).documentName("patient-app/AcknowledgePlan")
            .variable("input", Map.of("planId", victimsPlan, "expectedVersion", 2))
            .execute();
        Response missing = as(attacker).documentName("patient-app/AcknowledgePlan")
            .variable("input", Map.of("planId", "64b7f0c2a1b2c3d4e5f60718", "expectedVersion", 2))
            .execute();

        assertThat(theirs.returnResponse().toMap()).isEqualTo(missing.returnResponse().toMap());
        theirs.path("acknowledgeCancerPlan.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        assertThat(plans.plan(victim).acknowledgedAt()).isNull();
    }

    @Test
    void staffSeeTheChangeHistoryPatientsDoNot() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        plans.status(planId, 1, "ACTIVE");

        List<PlanApi.Change> history = plans.plan(nhsNumber).history();
        Response asPatient = as(IdentityProviders.patientToken(nhsNumber))
            .document("{ me { cancerPlan { history { summary } } } }")
            .execute();

        assertThat(history).hasSize(2);
        assertThat(history.get(0).summary()).contains("DRAFT -> ACTIVE");
        assertThat(history.get(0).actorName()).isEqualTo("Dr Plan");
        assertThat(history.get(1).summary()).isEqualTo("Plan opened");
        assertThat(firstError(asPatient).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void freeTextIsKeptAsGivenWithinItsLimits() {
        String nhsNumber = plans.registerPatient();
        String planId = plans.createPlan(nhsNumber);
        String markup = "<script>alert('x')</script> & worry";

        Response kept = plans.update(plans.staff, planId, 1,
                Map.of("needs", List.of(Map.of("domain", "MENTAL_HEALTH", "concern", markup, "severity", 4))));
        Response tooLong = plans.update(plans.staff, planId, 2,
                Map.of("needs", List.of(Map.of("domain", "SOCIAL", "concern", "x".repeat(501), "severity", 11))));

        kept.path("updateCancerPlan.plan.needs[0].concern").entity(String.class).isEqualTo(markup);
        tooLong.path("updateCancerPlan.errors[*].field")
            .entityList(String.class)
            .containsExactly("needs[0].concern", "needs[0].severity");
    }

    /** The errors a mutation gives in its payload (not GraphQL errors). */
    private static List<Object> errorsOf(Response update) {
        return update.path("updateCancerPlan.errors").entityList(Object.class).get();
    }

    private static Map<String, Object> withPlan(String operation, String planId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
        input.put("planId", planId);
        return Map.of("input", input);
    }

}
