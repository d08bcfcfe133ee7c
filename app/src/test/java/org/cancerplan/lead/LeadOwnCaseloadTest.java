package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;

/**
 * A neighbourhood lead signs in with whatever role their organisation gives them, often one with neither the
 * clinical nor the admin privilege, and still reaches their own caseload; the rest of the directory stays closed.
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
        assertThat(api.assign(api.careTeam, plans.get(0), 1, leadId, null).data("assignNeighbourhoodLead/errors"))
                .isEmpty();
        String coordinator = IdentityProviders.staffToken(name, "Y01234", SUPPORT_ROLE);

        Response own = api.caseload(coordinator, leadId, 10);
        Response another = api.caseload(coordinator, otherLead, 10);
        Response missing = api.caseload(coordinator, "no-such-lead", 10);
        Response directory = graphql.post(coordinator, "{ neighbourhoodLeads(first: 5) { edges { node { id } } } }",
                Map.of());

        assertThat(own.hasErrors()).as(own.body().toString()).isFalse();
        assertThat(own.data("neighbourhoodLead/caseload/totalCount").asInt()).isEqualTo(1);
        assertThat(own.data("neighbourhoodLead/caseload/edges/0/node/id").asString()).isEqualTo(plans.get(0));
        assertThat(another.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(missing.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(directory.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }
}
