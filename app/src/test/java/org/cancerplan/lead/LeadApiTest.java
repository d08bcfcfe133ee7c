package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.MongoCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class LeadApiTest extends ApiTest {

    @Autowired
    MongoCommands commands;

    @Autowired
    MongoTemplate mongo;

    private LeadApi api;

    @BeforeEach
    void api() {
        api = new LeadApi(graphql);
    }

    @Test
    void theContractOperationsRegisterALeadAssignThemAndShowTheirCaseload() {
        String name = "Sam Okafor " + UUID.randomUUID().toString().substring(0, 6);
        String leadId = api.registerLead(name, "Hackney North", 60);
        String planId = api.plans(1).get(0);

        Response assigned = api.assign(api.careTeam, planId, 1, leadId, null);
        Response caseload = api.caseload(LeadApi.leadToken(name), leadId, 50);

        assertThat(assigned.data("assignNeighbourhoodLead/errors")).as(assigned.body().toString()).isEmpty();
        assertThat(assigned.data("assignNeighbourhoodLead/plan/version").asInt()).isEqualTo(2);
        assertThat(assigned.data("assignNeighbourhoodLead/plan/neighbourhoodLead/lead/name").asString()).isEqualTo(name);
        assertThat(assigned.data("assignNeighbourhoodLead/plan/neighbourhoodLead/assignedOn").asString()).isNotBlank();
        assertThat(caseload.data("neighbourhoodLead/caseloadLimit").asInt()).isEqualTo(60);
        assertThat(caseload.data("neighbourhoodLead/caseload/totalCount").asInt()).isEqualTo(1);
        assertThat(caseload.data("neighbourhoodLead/caseload/edges/0/node/id").asString()).isEqualTo(planId);
        assertThat(caseload.data("neighbourhoodLead/caseload/edges/0/node/patient/familyName").asString())
                .isEqualTo("Patient0");
    }

    @Test
    void thePatientSeesTheirLeadsNameRoleOrganisationAndContact() {
        String leadId = api.registerLead("Lead For Patient", "Hackney South", 10);
        String planId = api.plans(1).get(0);
        api.activate(planId);
        api.assign(api.careTeam, planId, 2, leadId, null);
        String nhsNumber = mongo.findById(new org.bson.types.ObjectId(planId), org.bson.Document.class, "cancerPlans")
                .getString("patientNhsNumber");

        Response mine = graphql.post(IdentityProviders.patientToken(nhsNumber), "{ me { cancerPlan { "
                + "neighbourhoodLead { assignedOn lead { id name role organisation contact { phone email } } } } } }");

        JsonNode lead = mine.data("me/cancerPlan/neighbourhoodLead/lead");
        assertThat(lead.get("name").asString()).isEqualTo("Lead For Patient");
        assertThat(lead.get("role").asString()).isEqualTo("Cancer care coordinator");
        assertThat(lead.get("organisation").asString()).isEqualTo("Y01234");
        assertThat(lead.at("/contact/email").asString()).isEqualTo("sam.okafor@example.nhs.uk");
    }

    @Test
    void anInactiveLeadOrAFullCaseloadIsRefusedUnlessAnAdminOverrides() {
        String full = api.registerLead("Full Lead", "Hackney Central", 1);
        String inactive = api.registerLead("Gone Lead", "Hackney Central", 5);
        assertThat(api.deactivate(inactive).data("deactivateNeighbourhoodLead/lead/active").asBoolean()).isFalse();
        List<String> planIds = api.plans(3);
        api.assign(api.careTeam, planIds.get(0), 1, full, null);

        Response caseloadFull = api.assign(api.careTeam, planIds.get(1), 1, full, null);
        Response leadInactive = api.assign(api.careTeam, planIds.get(2), 1, inactive, null);
        Response overrideByClinician = api.assign(api.careTeam, planIds.get(1), 1, full, true);
        String correlation = "override-" + UUID.randomUUID();
        Response overrideByAdmin = graphql.post(LeadApi.ADMIN, Contract.operation("staff/AssignLead"),
                Map.of("input", Map.of("planId", planIds.get(1), "expectedVersion", 1, "leadId", full,
                        "override", true, "reason", "Patient asked for this lead")), correlation);

        assertThat(caseloadFull.data("assignNeighbourhoodLead/errors/0/code").asString()).isEqualTo("CASELOAD_FULL");
        assertThat(leadInactive.data("assignNeighbourhoodLead/errors/0/code").asString()).isEqualTo("LEAD_INACTIVE");
        assertThat(overrideByClinician.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(overrideByAdmin.data("assignNeighbourhoodLead/errors")).as(overrideByAdmin.body().toString())
                .isEmpty();
        assertThat(mongo.find(Query.query(Criteria.where("correlationId").is(correlation)), org.bson.Document.class,
                "auditEvents")).extracting(d -> d.getString("action"))
                .containsExactlyInAnyOrder("PLAN_LEAD_ASSIGNED", "LEAD_RULES_OVERRIDDEN");
    }

    @Test
    void aLeadWithPatientsCannotBeDeactivatedUntilTheCaseloadIsHandedOver() {
        String leaving = api.registerLead("Leaving Lead", "Stoke Newington", 10);
        String staying = api.registerLead("Staying Lead", "Stoke Newington", 10);
        List<String> planIds = api.plans(3);
        planIds.forEach(id -> api.assign(api.careTeam, id, 1, leaving, null));

        Response refused = api.deactivate(leaving);
        Response handover = api.handOver(Map.of("fromLeadId", leaving, "toLeadId", staying, "reason", "Retiring"));
        Response deactivated = api.deactivate(leaving);

        assertThat(refused.data("deactivateNeighbourhoodLead/errors/0/code").asString()).isEqualTo("CASELOAD_NOT_EMPTY");
        assertThat(handover.data("handOverCaseload/moved").asInt()).isEqualTo(3);
        assertThat(handover.data("handOverCaseload/remaining").asInt()).isZero();
        assertThat(deactivated.data("deactivateNeighbourhoodLead/lead/active").asBoolean()).isFalse();
        Response history = graphql.post(api.careTeam, "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan {"
                + " neighbourhoodLead { lead { name } } leadHistory { lead { name } from to reason } } } }",
                Map.of("n", nhsNumberOf(planIds.get(0))));
        JsonNode records = history.data("patient/cancerPlan/leadHistory");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).at("/lead/name").asString()).isEqualTo("Leaving Lead");
        assertThat(records.get(0).get("to").isNull()).isFalse();
        assertThat(records.get(1).at("/lead/name").asString()).isEqualTo("Staying Lead");
        assertThat(records.get(1).get("reason").asString()).isEqualTo("Retiring");
        assertThat(history.data("patient/cancerPlan/neighbourhoodLead/lead/name").asString()).isEqualTo("Staying Lead");
    }

    @Test
    void aHandoverSpreadsACaseloadOverTheNeighbourhoodWithinLimits() {
        String neighbourhood = "Spread " + UUID.randomUUID();
        String from = api.registerLead("Spread From", neighbourhood, 10);
        String small = api.registerLead("Spread Small", neighbourhood, 1);
        String large = api.registerLead("Spread Large", neighbourhood, 10);
        api.plans(5).forEach(id -> api.assign(api.careTeam, id, 1, from, null));

        Response handover = api.handOver(Map.of("fromLeadId", from, "neighbourhood", neighbourhood));

        assertThat(handover.data("handOverCaseload/moved").asInt()).isEqualTo(5);
        assertThat(api.caseload(LeadApi.ADMIN, small, 10).data("neighbourhoodLead/caseload/totalCount").asInt())
                .isEqualTo(1);
        assertThat(api.caseload(LeadApi.ADMIN, large, 10).data("neighbourhoodLead/caseload/totalCount").asInt())
                .isEqualTo(4);
    }

    @Test
    void theDirectoryListsLeadsByNeighbourhoodAndOrganisationPageByPage() {
        String neighbourhood = "Directory " + UUID.randomUUID();
        String first = api.registerLead("Dir One", neighbourhood, 5);
        String second = api.registerLead("Dir Two", neighbourhood, 5);
        String third = api.registerLead("Dir Three", neighbourhood, 5);
        api.deactivate(third);
        String query = "query($n: String, $o: String, $a: Boolean, $first: Int, $after: String) { neighbourhoodLeads("
                + "neighbourhood: $n, organisation: $o, activeOnly: $a, first: $first, after: $after) { edges { node { "
                + "id name active } } pageInfo { hasNextPage endCursor } } }";

        Response page1 = graphql.post(api.careTeam, query, Map.of("n", neighbourhood, "first", 1));
        Response page2 = graphql.post(api.careTeam, query, Map.of("n", neighbourhood, "first", 1, "after",
                page1.data("neighbourhoodLeads/pageInfo/endCursor").asString()));
        Response all = graphql.post(api.careTeam, query, Map.of("n", neighbourhood, "a", false, "o", "y01234"));
        Response otherOrganisation = graphql.post(api.careTeam, query, Map.of("n", neighbourhood, "o", "RQX"));
        Response asPatient = graphql.post(IdentityProviders.patientToken("9434765919"), query, Map.of());

        assertThat(page1.data("neighbourhoodLeads/edges/0/node/id").asString()).isEqualTo(first);
        assertThat(page1.data("neighbourhoodLeads/pageInfo/hasNextPage").asBoolean()).isTrue();
        assertThat(page2.data("neighbourhoodLeads/edges/0/node/id").asString()).isEqualTo(second);
        assertThat(page2.data("neighbourhoodLeads/pageInfo/hasNextPage").asBoolean()).isFalse();
        assertThat(all.data("neighbourhoodLeads/edges")).hasSize(3);
        assertThat(otherOrganisation.data("neighbourhoodLeads/edges")).isEmpty();
        assertThat(asPatient.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anAdminUpdatesALeadAndOthersCannot() {
        String leadId = api.registerLead("Changing Lead", "Shoreditch", 5);
        String update = "mutation($i: UpdateNeighbourhoodLeadInput!) { updateNeighbourhoodLead(input: $i) { lead { "
                + "name caseloadLimit neighbourhood contact { phone } } errors { code field } } }";

        Response updated = graphql.post(LeadApi.ADMIN, update, Map.of("i", Map.of("leadId", leadId, "caseloadLimit",
                80, "contact", Map.of("phone", "020 7946 0999"))));
        Response invalid = graphql.post(LeadApi.ADMIN, update, Map.of("i", Map.of("leadId", leadId, "caseloadLimit",
                0)));
        Response byClinician = graphql.post(api.careTeam, update, Map.of("i", Map.of("leadId", leadId, "name", "X")));

        assertThat(updated.data("updateNeighbourhoodLead/lead/caseloadLimit").asInt()).isEqualTo(80);
        assertThat(updated.data("updateNeighbourhoodLead/lead/name").asString()).isEqualTo("Changing Lead");
        assertThat(updated.data("updateNeighbourhoodLead/lead/contact/phone").asString()).isEqualTo("020 7946 0999");
        assertThat(invalid.data("updateNeighbourhoodLead/errors/0/field").asString()).isEqualTo("caseloadLimit");
        assertThat(byClinician.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void onlyTheLeadAndAdminsSeeACaseload() {
        String leadId = api.registerLead("Private Lead", "Dalston", 5);
        api.assign(api.careTeam, api.plans(1).get(0), 1, leadId, null);

        assertThat(api.caseload(LeadApi.leadToken("Private Lead"), leadId, 5).hasErrors()).isFalse();
        assertThat(api.caseload(LeadApi.ADMIN, leadId, 5).hasErrors()).isFalse();
        assertThat(api.caseload(LeadApi.leadToken("Another Lead"), leadId, 5).firstErrorClassification())
                .isEqualTo("FORBIDDEN");
        assertThat(api.caseload(api.careTeam, leadId, 5).firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(api.caseload(IdentityProviders.patientToken("9434765919"), leadId, 5).firstErrorClassification())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void theLeadReachesTheClinicalDataOfTheirPatients() {
        String leadId = api.registerLead("Clinical Lead", "Homerton", 5);
        String planId = api.plans(1).get(0);
        api.assign(api.careTeam, planId, 1, leadId, null);

        Response asLead = graphql.post(LeadApi.leadToken("Clinical Lead"), "query($n: NhsNumber!) { patient("
                + "nhsNumber: $n) { cancerPlan { id needs { concern } } } }", Map.of("n", nhsNumberOf(planId)));

        assertThat(asLead.data("patient/cancerPlan/id").asString()).as(asLead.body().toString()).isEqualTo(planId);
    }

    @Test
    void aCaseloadPageCostsTheSameFewRoundTripsWhateverItsSize() {
        String leadId = api.registerLead("Busy Lead", "Clapton", 200);
        api.plans(100).forEach(id -> api.assign(api.careTeam, id, 1, leadId, null));
        String query = "query($id: ID!, $first: Int) { neighbourhoodLead(id: $id) { id name caseload(first: $first) { "
                + "totalCount edges { node { id patient { nhsNumber familyName } neighbourhoodLead { lead { "
                + "name } } } } pageInfo { hasNextPage endCursor } } } }";

        commands.reset();
        Response small = graphql.post(LeadApi.ADMIN, query, Map.of("id", leadId, "first", 5));
        List<String> forFive = commands.sent();
        commands.reset();
        Response large = graphql.post(LeadApi.ADMIN, query, Map.of("id", leadId, "first", 100));
        List<String> forHundred = commands.sent();

        assertThat(small.data("neighbourhoodLead/caseload/edges")).hasSize(5);
        assertThat(large.data("neighbourhoodLead/caseload/edges")).hasSize(100);
        assertThat(large.data("neighbourhoodLead/caseload/edges/99/node/patient/familyName").asString())
                .startsWith("Patient");
        // 5 commands (lead, page with total, patients, leads, audit); graphql-java sometimes dispatches a level's
        // batch in two when two batch loaders share the level, hence one more. N+1 would cost 100 more.
        assertThat(forFive).as("commands for a page of 5").hasSizeLessThanOrEqualTo(7);
        assertThat(forHundred).as("commands for a page of 100").hasSizeLessThanOrEqualTo(7);
    }

    private String nhsNumberOf(String planId) {
        return mongo.findById(new org.bson.types.ObjectId(planId), org.bson.Document.class, "cancerPlans")
                .getString("patientNhsNumber");
    }
}
