package org.cancerplan.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.plan.PlanApi;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Drives a patient to the end of treatment through the API as the staff tools and the
 * patient app do: an active plan in its own care team, a summary, a lead, requests.
 */
public final class AfterTreatment {

    public static final String ADMIN = IdentityProviders.staffToken("Service Admin", "Y01234", "R8013");

    public static final String TASK_FIELDS = "id kind priority summary dueBy createdAt status version planId "
            + "assignedOrganisation assignedTo { id name } followUpRequest { reason details } "
            + "patient { nhsNumber familyName } history { version actorName action note }";

    public final PlanApi plans;

    public final String nhsNumber;

    public final String planId;

    public final String patient;

    private final HttpGraphQlTester graphql;

    public long version;

    public AfterTreatment(HttpGraphQlTester graphql) {
        this(graphql, new PlanApi(graphql));
    }

    /** Another patient whose plan has the same care team as {@code plans}'s. */
    public AfterTreatment(HttpGraphQlTester graphql, PlanApi plans) {
        this.graphql = graphql;
        this.plans = plans;
        this.nhsNumber = plans.registerPatient();
        this.planId = plans.createPlan(nhsNumber);
        this.patient = IdentityProviders.patientToken(nhsNumber);
        plans
            .update(plans.staff, planId, 1,
                    Map.of("status", "ACTIVE", "treatments",
                            List.of(Map.of("modality", "SURGERY", "intent", "CURATIVE", "status", "COMPLETED",
                                    "startDate", "2026-06-01", "endDate", "2026-06-01"))))
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
        version = 2;
    }

    public HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    /** Issues the contract's summary with patient-initiated follow-up until the day. */
    public void issueSummary(LocalDate pifuUntil) {
        issueSummary(Map.of("kind", "PATIENT_INITIATED", "until", pifuUntil.toString()));
    }

    @SuppressWarnings("unchecked")
    public void issueSummary(Map<String, Object> followUp) {
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/IssueTreatmentSummary").get("input"));
        input.put("planId", planId);
        input.put("expectedVersion", version);
        input.put("followUp", followUp);
        input.put("clientMutationId", "eots-" + planId + "-" + version);
        as(plans.staff).documentName("staff/IssueTreatmentSummary")
            .variable("input", input)
            .execute()
            .path("issueTreatmentSummary.errors")
            .entityList(Object.class)
            .hasSize(0);
        version++;
    }

    /** A new lead with a staff identity of their own; returns the lead's id. */
    public static String registerLead(HttpGraphQlTester graphql, String name) {
        return Leads.register(GraphQlTesters.as(graphql, ADMIN), Map.of("name", name, "staffId", staffId(name)));
    }

    public static String newLeadName() {
        return "Lead " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String staffId(String name) {
        return IdentityProviders.staffSubject(name);
    }

    public static String leadToken(String name) {
        return IdentityProviders.staffToken(name, "Y01234", "R8001");
    }

    public void assignLead(String leadId) {
        as(plans.staff).documentName("staff/AssignLead")
            .variable("input", Map.of("planId", planId, "expectedVersion", version, "leadId", leadId))
            .execute()
            .path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);
        version++;
    }

    public Response requestFollowUp(String token, String reason, String clientMutationId) {
        Map<String, Object> input = new HashMap<>(
                Map.of("planId", planId, "reason", reason, "details", "A lump near the scar since last week"));
        input.put("clientMutationId", clientMutationId);
        return as(token).documentName("patient-app/RequestFollowUp").variable("input", input).execute();
    }

    public Response worklist(String token, String leadId) {
        return as(token).documentName("staff/LeadWorklist").variable("leadId", leadId).variable("first", 20).execute();
    }

    public Response tasksOfPlan(String token) {
        return as(token)
            .document(
                    "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { tasks { " + TASK_FIELDS + " } } } }")
            .variable("n", nhsNumber)
            .execute();
    }

    public Response updateTask(String token, Map<String, Object> input) {
        return as(token).documentName("staff/UpdateTask").variable("input", input).execute();
    }

}
