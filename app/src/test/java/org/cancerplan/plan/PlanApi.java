package org.cancerplan.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Test helpers that drive plans through the API as the clients do. */
public final class PlanApi {

    static final String PLAN_FIELDS = "id status version acknowledgedAt pathway { referralReceivedOn "
            + "fasterDiagnosisStandard { status dueBy } referralToTreatmentStandard { status dueBy } } "
            + "needs { domain concern severity } goals { id description status } treatments { id modality status } "
            + "diagnosis { cancerType { code display } rareCancer stage }";
    static final String UPDATE = "mutation($input: UpdateCancerPlanInput!) { updateCancerPlan(input: $input) { "
            + "plan { " + PLAN_FIELDS + " } errors { code message field } clientMutationId } }";
    static final String PATHWAY = "mutation($input: RecordPathwayEventInput!) { recordPathwayEvent(input: $input) { "
            + "plan { " + PLAN_FIELDS + " } errors { code message field } } }";

    /** A plan as staff read it, with its history (newest first). */
    public record Plan(String id, String status, long version, String acknowledgedAt, List<Goal> goals,
            List<Change> history) {
    }

    public record Goal(String id, String description, String status) {
    }

    public record Change(long version, String actorName, String summary) {
    }

    private final HttpGraphQlTester graphql;

    public final String organisation = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);

    public final String staff = IdentityProviders.staffToken("Dr Plan", organisation, "R8000");

    public PlanApi(HttpGraphQlTester graphql) {
        this.graphql = graphql;
    }

    public HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    public String registerPatient() {
        String nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Plan", "familyName", "Patient",
                                    "dateOfBirth", "1955-05-05"))))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        return nhsNumber;
    }

    /**
     * Creates a DRAFT plan with the contract's CreatePlan for a new patient; returns the
     * plan id.
     */
    public String createPlan(String nhsNumber) {
        Response response = create(staff, nhsNumber, null);
        response.path("createCancerPlan.errors").entityList(Object.class).hasSize(0);
        return response.path("createCancerPlan.plan.id").entity(String.class).get();
    }

    public Response create(String token, String nhsNumber, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(input(Contract.variables("staff/CreatePlan")));
        input.put("nhsNumber", nhsNumber);
        input.put("clientMutationId", clientMutationId);
        return as(token).documentName("staff/CreatePlan").variable("input", input).execute();
    }

    public Response update(String token, String planId, long expectedVersion, Map<String, Object> changes) {
        Map<String, Object> input = new HashMap<>(changes);
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        return as(token).document(UPDATE).variable("input", input).execute();
    }

    public Response status(String planId, long expectedVersion, String status) {
        return update(staff, planId, expectedVersion, Map.of("status", status));
    }

    public Response pathway(String planId, long expectedVersion, String event, String on) {
        return as(staff).document(PATHWAY)
            .variable("input", Map.of("planId", planId, "expectedVersion", expectedVersion, "event", event, "on", on))
            .execute();
    }

    public Plan plan(String nhsNumber) {
        return as(staff)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { " + PLAN_FIELDS
                    + " history { version actorName summary } } } }")
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan")
            .entity(Plan.class)
            .get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> variables) {
        return (Map<String, Object>) variables.get("input");
    }

}
