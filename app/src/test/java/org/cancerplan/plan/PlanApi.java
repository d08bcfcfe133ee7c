package org.cancerplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import tools.jackson.databind.JsonNode;

/** Test helpers that drive plans through the API as the clients do. */
final class PlanApi {

    static final String PLAN_FIELDS = "id status version acknowledgedAt pathway { referralReceivedOn "
            + "fasterDiagnosisStandard { status dueBy } referralToTreatmentStandard { status dueBy } } "
            + "needs { domain concern severity } goals { id description status } treatments { id modality status } "
            + "diagnosis { cancerType { code display } rareCancer stage }";
    static final String UPDATE = "mutation($input: UpdateCancerPlanInput!) { updateCancerPlan(input: $input) { "
            + "plan { " + PLAN_FIELDS + " } errors { code message field } clientMutationId } }";
    static final String PATHWAY = "mutation($input: RecordPathwayEventInput!) { recordPathwayEvent(input: $input) { "
            + "plan { " + PLAN_FIELDS + " } errors { code message field } } }";

    private final GraphQlHttp graphql;
    final String organisation = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    final String staff = IdentityProviders.staffToken("Dr Plan", organisation, "R8000");

    PlanApi(GraphQlHttp graphql) {
        this.graphql = graphql;
    }

    String registerPatient() {
        String nhsNumber = TestNhsNumbers.next();
        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", List.of(
                        Map.of("nhsNumber", nhsNumber, "givenName", "Plan", "familyName", "Patient",
                                "dateOfBirth", "1955-05-05")))));
        assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        return nhsNumber;
    }

    /** Creates a DRAFT plan with the contract's CreatePlan for a new patient; returns the plan id. */
    String createPlan(String nhsNumber) {
        Response response = create(staff, nhsNumber, null);
        assertThat(response.data("createCancerPlan/errors")).as(response.body().toString()).isEmpty();
        return response.data("createCancerPlan/plan/id").asString();
    }

    Response create(String token, String nhsNumber, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(input(Contract.variables("staff/CreatePlan")));
        input.put("nhsNumber", nhsNumber);
        input.put("clientMutationId", clientMutationId);
        return graphql.post(token, Contract.operation("staff/CreatePlan"), Map.of("input", input));
    }

    Response update(String token, String planId, long expectedVersion, Map<String, Object> changes) {
        Map<String, Object> input = new HashMap<>(changes);
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        return graphql.post(token, UPDATE, Map.of("input", input));
    }

    Response status(String planId, long expectedVersion, String status) {
        return update(staff, planId, expectedVersion, Map.of("status", status));
    }

    Response pathway(String planId, long expectedVersion, String event, String on) {
        return graphql.post(staff, PATHWAY, Map.of("input", Map.of("planId", planId, "expectedVersion",
                expectedVersion, "event", event, "on", on)));
    }

    JsonNode plan(String nhsNumber) {
        Response response = graphql.post(staff, "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { "
                + PLAN_FIELDS + " history { version actorName summary } } } }", Map.of("n", nhsNumber));
        assertThat(response.hasErrors()).as(response.body().toString()).isFalse();
        return response.data("patient/cancerPlan");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> variables) {
        return (Map<String, Object>) variables.get("input");
    }
}
