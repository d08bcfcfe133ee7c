package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * A neighbourhood lead signs in with whatever role their organisation gives them, often
 * one with neither the clinical nor the admin privilege, and still reaches their own
 * caseload; the rest of the directory stays closed.
 */
class LeadOwnCaseloadTest extends ApiTest {

    /** Admin/Clinical Support Access Role: no privilege of this service's own. */
    private static final String SUPPORT_ROLE = "S8000:G8000:R8008";

    @Test
    void aLeadWithoutAPrivilegedRoleReachesTheirOwnCaseloadButNoOtherLeadsEntry() {
        LeadApi api = new LeadApi(graphql);
        String name = "Coordinator " + ThreadLocalRandom.current().nextInt(1_000_000);
        String leadId = api.registerLead(name, "Hackney North", 10);
        String otherLead = api.registerLead(name + " Other", "Hackney South", 10);
        List<String> plans = api.plans(1);
        api.assign(api.careTeam, plans.get(0), 1, leadId, null)
            .path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);
        String coordinator = IdentityProviders.staffToken(name, "Y01234", SUPPORT_ROLE);

        Response own = api.caseload(coordinator, leadId, 10);
        Response another = api.caseload(coordinator, otherLead, 10);
        Response missing = api.caseload(coordinator, "no-such-lead", 10);
        Response directory = as(coordinator).document("{ neighbourhoodLeads(first: 5) { edges { node { id } } } }")
            .execute();

        own.errors().verify();
        own.path("neighbourhoodLead.caseload.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("neighbourhoodLead.caseload.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(plans.get(0));
        assertThat(firstError(another).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(firstError(missing).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(firstError(directory).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void theLeadsReachOfTheirPatientsFollowsTheStaffIdentityTheDirectoryNames() {
        LeadApi api = new LeadApi(graphql);
        String name = "Relinked " + ThreadLocalRandom.current().nextInt(1_000_000);
        String successor = name + " Successor";
        String leadId = api.registerLead(name, "Hackney North", 10);
        String planId = api.plans(1).get(0);
        api.assign(api.careTeam, planId, 1, leadId, null)
            .path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);
        String nhsNumber = as(LeadApi.ADMIN)
            .document("query($id: ID!) { neighbourhoodLead(id: $id) { caseload { "
                    + "edges { node { patient { nhsNumber } } } } } }")
            .variable("id", leadId)
            .execute()
            .path("neighbourhoodLead.caseload.edges[0].node.patient.nhsNumber")
            .entity(String.class)
            .get();
        String plan = "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { id } } }";
        as(LeadApi.leadToken(name)).document(plan)
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan.id")
            .entity(String.class)
            .isEqualTo(planId);

        as(LeadApi.ADMIN)
            .document("mutation($i: UpdateNeighbourhoodLeadInput!) { updateNeighbourhoodLead(input: $i) { "
                    + "errors { code } } }")
            .variable("i", Map.of("leadId", leadId, "staffId", LeadApi.staffId(successor)))
            .execute()
            .path("updateNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);

        assertThat(firstError(as(LeadApi.leadToken(name)).document(plan).variable("n", nhsNumber).execute())
            .getExtensions()).containsEntry("classification", "FORBIDDEN");
        as(LeadApi.leadToken(successor)).document(plan)
            .variable("n", nhsNumber)
            .execute()
            .path("patient.cancerPlan.id")
            .entity(String.class)
            .isEqualTo(planId);
    }

}
