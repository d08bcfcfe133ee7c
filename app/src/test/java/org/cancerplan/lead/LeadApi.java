package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;

/** Drives leads and plans through the API as staff tools do. */
final class LeadApi {

    static final String ADMIN = IdentityProviders.staffToken("Service Admin", "Y01234", "R8013");
    final String organisation = "T" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
    final String careTeam = IdentityProviders.staffToken("Dr Care", organisation, "R8000");
    private final GraphQlHttp graphql;

    LeadApi(GraphQlHttp graphql) {
        this.graphql = graphql;
    }

    /** Registers a lead with the contract's RegisterLead; returns its id. */
    String registerLead(String name, String neighbourhood, int caseloadLimit) {
        Map<String, Object> input = input("staff/RegisterLead");
        input.put("name", name);
        input.put("neighbourhood", neighbourhood);
        input.put("caseloadLimit", caseloadLimit);
        input.put("staffId", staffId(name));
        Response response = graphql.post(ADMIN, Contract.operation("staff/RegisterLead"), Map.of("input", input));
        assertThat(response.data("registerNeighbourhoodLead/errors")).as(response.body().toString()).isEmpty();
        return response.data("registerNeighbourhoodLead/lead/id").asString();
    }

    static String staffId(String name) {
        return "staff-" + name.replace(' ', '-');
    }

    static String leadToken(String name) {
        return IdentityProviders.staffToken(name, "Y01234", "R8001");
    }

    /** Registers patients and opens a plan for each in this care team; returns the plan ids. */
    List<String> plans(int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(Map.of("nhsNumber", TestNhsNumbers.next(), "givenName", "Lead", "familyName", "Patient" + i,
                    "dateOfBirth", "1950-01-01"));
        }
        Response registered = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", records)));
        assertThat(registered.data("registerPatients/registered").asInt()).isEqualTo(count);
        List<String> planIds = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> input = input("staff/CreatePlan");
            input.put("nhsNumber", record.get("nhsNumber"));
            input.remove("clientMutationId");
            Response created = graphql.post(careTeam, Contract.operation("staff/CreatePlan"), Map.of("input", input));
            planIds.add(created.data("createCancerPlan/plan/id").asString());
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
        return graphql.post(token, Contract.operation("staff/AssignLead"), Map.of("input", input));
    }

    void activate(String planId) {
        Response response = graphql.post(careTeam, "mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i)"
                + " { errors { code } } }", Map.of("i", Map.of("planId", planId, "expectedVersion", 1, "status",
                "ACTIVE")));
        assertThat(response.data("updateCancerPlan/errors")).isEmpty();
    }

    Response caseload(String token, String leadId, int first) {
        return graphql.post(token, Contract.operation("staff/LeadCaseload"), Map.of("leadId", leadId, "first", first));
    }

    Response handOver(Map<String, Object> input) {
        return graphql.post(ADMIN, "mutation($i: HandOverCaseloadInput!) { handOverCaseload(input: $i) { moved "
                + "remaining errors { code message field } } }", Map.of("i", input));
    }

    Response deactivate(String leadId) {
        return graphql.post(ADMIN, "mutation($i: DeactivateNeighbourhoodLeadInput!) { deactivateNeighbourhoodLead("
                + "input: $i) { lead { active } errors { code } } }", Map.of("i", Map.of("leadId", leadId)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> input(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }
}
