package org.cancerplan.lead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.Leads;
import org.cancerplan.support.TestNhsNumbers;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Drives leads and plans through the API as staff tools do. */
final class LeadApi {

    static final String ADMIN = IdentityProviders.staffToken("Service Admin", "Y01234", "R8013");

    final String organisation = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);

    final String careTeam = IdentityProviders.staffToken("Dr Care", organisation, "R8000");

    private final HttpGraphQlTester graphql;

    LeadApi(HttpGraphQlTester graphql) {
        this.graphql = graphql;
    }

    HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    /** Registers a lead with the contract's RegisterLead; returns its id. */
    String registerLead(String name, String neighbourhood, int caseloadLimit) {
        return Leads.register(as(ADMIN), Map.of("name", name, "neighbourhood", neighbourhood, "caseloadLimit",
                caseloadLimit, "staffId", staffId(name)));
    }

    static String staffId(String name) {
        return "staff-" + name.replace(' ', '-');
    }

    static String leadToken(String name) {
        return IdentityProviders.staffToken(name, "Y01234", "R8001");
    }

    /**
     * Registers patients and opens a plan for each in this care team; returns the plan
     * ids.
     */
    List<String> plans(int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(Map.of("nhsNumber", TestNhsNumbers.next(), "givenName", "Lead", "familyName", "Patient" + i,
                    "dateOfBirth", "1950-01-01"));
        }
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variable("input", Map.of("patients", records))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(count);
        List<String> planIds = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> input = input("staff/CreatePlan");
            input.put("nhsNumber", record.get("nhsNumber"));
            input.remove("clientMutationId");
            planIds.add(as(careTeam).documentName("staff/CreatePlan")
                .variable("input", input)
                .execute()
                .path("createCancerPlan.plan.id")
                .entity(String.class)
                .get());
        }
        return planIds;
    }

    Response assign(String token, String planId, long expectedVersion, String leadId, Boolean override) {
        Map<String, Object> input = input("staff/AssignLead");
        input.put("planId", planId);
        input.put("expectedVersion", expectedVersion);
        input.put("leadId", leadId);
        if (override != null) {
            input.put("override", override);
        }
        return as(token).documentName("staff/AssignLead").variable("input", input).execute();
    }

    void activate(String planId) {
        as(careTeam)
            .document("mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i) " + "{ errors { code } } }")
            .variable("i", Map.of("planId", planId, "expectedVersion", 1, "status", "ACTIVE"))
            .execute()
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    Response caseload(String token, String leadId, int first) {
        return as(token).documentName("staff/LeadCaseload")
            .variable("leadId", leadId)
            .variable("first", first)
            .execute();
    }

    Response handOver(Map<String, Object> input) {
        return as(ADMIN)
            .document("mutation($i: HandOverCaseloadInput!) { handOverCaseload(input: $i) { moved "
                    + "remaining errors { code message field } } }")
            .variable("i", input)
            .execute();
    }

    Response deactivate(String leadId) {
        return as(ADMIN)
            .document("mutation($i: DeactivateNeighbourhoodLeadInput!) { deactivateNeighbourhoodLead("
                    + "input: $i) { lead { active } errors { code } } }")
            .variable("i", Map.of("leadId", leadId))
            .execute();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> input(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }

}
