package org.cancerplan.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.MongoCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

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

        assigned.path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("assignNeighbourhoodLead.plan.version")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("assignNeighbourhoodLead.plan.neighbourhoodLead.lead.name")
            .entity(String.class)
            .isEqualTo(name)
            .path("assignNeighbourhoodLead.plan.neighbourhoodLead.assignedOn")
            .entity(String.class)
            .satisfies(on -> assertThat(on).isNotBlank());
        caseload.path("neighbourhoodLead.caseloadLimit")
            .entity(Integer.class)
            .isEqualTo(60)
            .path("neighbourhoodLead.caseload.totalCount")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("neighbourhoodLead.caseload.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(planId)
            .path("neighbourhoodLead.caseload.edges[0].node.patient.familyName")
            .entity(String.class)
            .isEqualTo("Patient0");
    }

    @Test
    void thePatientSeesTheirLeadsNameRoleOrganisationAndContact() {
        String leadId = api.registerLead("Lead For Patient", "Hackney South", 10);
        String planId = api.plans(1).get(0);
        api.activate(planId);
        api.assign(api.careTeam, planId, 2, leadId, null);
        String nhsNumber = mongo.findById(new ObjectId(planId), Document.class, "cancerPlans")
            .getString("patientNhsNumber");

        Response mine = as(IdentityProviders.patientToken(nhsNumber)).document("{ me { cancerPlan { "
                + "neighbourhoodLead { assignedOn lead { id name role organisation contact { phone email } } } } } }")
            .execute();

        mine.path("me.cancerPlan.neighbourhoodLead.lead",
                lead -> lead.path("name")
                    .entity(String.class)
                    .isEqualTo("Lead For Patient")
                    .path("role")
                    .entity(String.class)
                    .isEqualTo("Cancer care coordinator")
                    .path("organisation")
                    .entity(String.class)
                    .isEqualTo("Y01234")
                    .path("contact.email")
                    .entity(String.class)
                    .isEqualTo("sam.okafor@example.nhs.uk"));
    }

    @Test
    void anInactiveLeadOrAFullCaseloadIsRefusedUnlessAnAdminOverrides() {
        String full = api.registerLead("Full Lead", "Hackney Central", 1);
        String inactive = api.registerLead("Gone Lead", "Hackney Central", 5);
        api.deactivate(inactive).path("deactivateNeighbourhoodLead.lead.active").entity(Boolean.class).isEqualTo(false);
        List<String> planIds = api.plans(3);
        api.assign(api.careTeam, planIds.get(0), 1, full, null);

        Response caseloadFull = api.assign(api.careTeam, planIds.get(1), 1, full, null);
        Response leadInactive = api.assign(api.careTeam, planIds.get(2), 1, inactive, null);
        Response overrideByClinician = api.assign(api.careTeam, planIds.get(1), 1, full, true);
        String correlation = "override-" + UUID.randomUUID();
        Response overrideByAdmin = as(LeadApi.ADMIN).mutate()
            .header("X-Correlation-Id", correlation)
            .build()
            .documentName("staff/AssignLead")
            .variable("input",
                    Map.of("planId", planIds.get(1), "expectedVersion", 1, "leadId", full, "override", true, "reason",
                            "Patient asked for this lead"))
            .execute();

        caseloadFull.path("assignNeighbourhoodLead.errors[0].code").entity(String.class).isEqualTo("CASELOAD_FULL");
        leadInactive.path("assignNeighbourhoodLead.errors[0].code").entity(String.class).isEqualTo("LEAD_INACTIVE");
        assertThat(firstError(overrideByClinician).getExtensions()).containsEntry("classification", "FORBIDDEN");
        overrideByAdmin.path("assignNeighbourhoodLead.errors").entityList(Object.class).hasSize(0);
        assertThat(
                mongo.find(Query.query(Criteria.where("correlationId").is(correlation)), Document.class, "auditEvents"))
            .extracting(d -> d.getString("action"))
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

        refused.path("deactivateNeighbourhoodLead.errors[0].code").entity(String.class).isEqualTo("CASELOAD_NOT_EMPTY");
        handover.path("handOverCaseload.moved")
            .entity(Integer.class)
            .isEqualTo(3)
            .path("handOverCaseload.remaining")
            .entity(Integer.class)
            .isEqualTo(0);
        deactivated.path("deactivateNeighbourhoodLead.lead.active").entity(Boolean.class).isEqualTo(false);
        Response history = as(api.careTeam)
            .document("query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan {"
                    + " neighbourhoodLead { lead { name } } leadHistory { lead { name } from to reason } } } }")
            .variable("n", nhsNumberOf(planIds.get(0)))
            .execute();
        history.path("patient.cancerPlan.leadHistory")
            .entityList(Object.class)
            .hasSize(2)
            .path("patient.cancerPlan.leadHistory[0].lead.name")
            .entity(String.class)
            .isEqualTo("Leaving Lead")
            .path("patient.cancerPlan.leadHistory[0].to")
            .entity(String.class)
            .satisfies(to -> assertThat(to).isNotNull())
            .path("patient.cancerPlan.leadHistory[1].lead.name")
            .entity(String.class)
            .isEqualTo("Staying Lead")
            .path("patient.cancerPlan.leadHistory[1].reason")
            .entity(String.class)
            .isEqualTo("Retiring")
            .path("patient.cancerPlan.neighbourhoodLead.lead.name")
            .entity(String.class)
            .isEqualTo("Staying Lead");
    }

    @Test
    void aHandoverSpreadsACaseloadOverTheNeighbourhoodWithinLimits() {
        String neighbourhood = "Spread " + UUID.randomUUID();
        String from = api.registerLead("Spread From", neighbourhood, 10);
        String small = api.registerLead("Spread Small", neighbourhood, 1);
        String large = api.registerLead("Spread Large", neighbourhood, 10);
        api.plans(5).forEach(id -> api.assign(api.careTeam, id, 1, from, null));

        Response handover = api.handOver(Map.of("fromLeadId", from, "neighbourhood", neighbourhood));

        handover.path("handOverCaseload.moved").entity(Integer.class).isEqualTo(5);
        api.caseload(LeadApi.ADMIN, small, 10)
            .path("neighbourhoodLead.caseload.totalCount")
            .entity(Integer.class)
            .isEqualTo(1);
        api.caseload(LeadApi.ADMIN, large, 10)
            .path("neighbourhoodLead.caseload.totalCount")
            .entity(Integer.class)
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

        Response page1 = as(api.careTeam).document(query).variable("n", neighbourhood).variable("first", 1).execute();
        Response page2 = as(api.careTeam).document(query)
            .variable("n", neighbourhood)
            .variable("first", 1)
            .variable("after", page1.path("neighbourhoodLeads.pageInfo.endCursor").entity(String.class).get())
            .execute();
        Response all = as(api.careTeam).document(query)
            .variable("n", neighbourhood)
            .variable("a", false)
            .variable("o", "y01234")
            .execute();
        Response otherOrganisation = as(api.careTeam).document(query)
            .variable("n", neighbourhood)
            .variable("o", "RQX")
            .execute();
        Response asPatient = as(IdentityProviders.patientToken("9434765919")).document(query).execute();

        page1.path("neighbourhoodLeads.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(first)
            .path("neighbourhoodLeads.pageInfo.hasNextPage")
            .entity(Boolean.class)
            .isEqualTo(true);
        page2.path("neighbourhoodLeads.edges[0].node.id")
            .entity(String.class)
            .isEqualTo(second)
            .path("neighbourhoodLeads.pageInfo.hasNextPage")
            .entity(Boolean.class)
            .isEqualTo(false);
        all.path("neighbourhoodLeads.edges").entityList(Object.class).hasSize(3);
        otherOrganisation.path("neighbourhoodLeads.edges").entityList(Object.class).hasSize(0);
        assertThat(firstError(asPatient).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void anAdminUpdatesALeadAndOthersCannot() {
        String leadId = api.registerLead("Changing Lead", "Shoreditch", 5);
        String update = "mutation($i: UpdateNeighbourhoodLeadInput!) { updateNeighbourhoodLead(input: $i) { lead { "
                + "name caseloadLimit neighbourhood contact { phone } } errors { code field } } }";

        Response updated = as(LeadApi.ADMIN).document(update)
            .variable("i", Map.of("leadId", leadId, "caseloadLimit", 80, "contact", Map.of("phone", "020 7946 0999")))
            .execute();
        Response invalid = as(LeadApi.ADMIN).document(update)
            .variable("i", Map.of("leadId", leadId, "caseloadLimit", 0))
            .execute();
        Response byClinician = as(api.careTeam).document(update)
            .variable("i", Map.of("leadId", leadId, "name", "X"))
            .execute();

        updated.path("updateNeighbourhoodLead.lead.caseloadLimit")
            .entity(Integer.class)
            .isEqualTo(80)
            .path("updateNeighbourhoodLead.lead.name")
            .entity(String.class)
            .isEqualTo("Changing Lead")
            .path("updateNeighbourhoodLead.lead.contact.phone")
            .entity(String.class)
            .isEqualTo("020 7946 0999");
        invalid.path("updateNeighbourhoodLead.errors[0].field").entity(String.class).isEqualTo("caseloadLimit");
        assertThat(firstError(byClinician).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void aRefusedChangeToTheDirectoryIsAuditedAndAnAllowedOneNamesNoPatient() {
        String leadId = api.registerLead("Audited Lead", "Dalston", 5);
        String update = "mutation($i: UpdateNeighbourhoodLeadInput!) { updateNeighbourhoodLead(input: $i) { lead { "
                + "id } errors { code } } }";
        String correlation = "directory-" + UUID.randomUUID();

        Response updated = as(LeadApi.ADMIN).mutate()
            .header("X-Correlation-Id", correlation)
            .build()
            .document(update)
            .variable("i", Map.of("leadId", leadId, "caseloadLimit", 6))
            .execute();
        Response byClinician = as(api.careTeam).mutate()
            .header("X-Correlation-Id", correlation)
            .build()
            .document(update)
            .variable("i", Map.of("leadId", leadId, "caseloadLimit", 7))
            .execute();

        updated.path("updateNeighbourhoodLead.errors").entityList(Object.class).hasSize(0);
        assertThat(firstError(byClinician).getExtensions()).containsEntry("classification", "FORBIDDEN");
        assertThat(
                mongo.find(Query.query(Criteria.where("correlationId").is(correlation)), Document.class, "auditEvents"))
            .extracting(event -> event.getString("action") + " " + event.getString("outcome") + " "
                    + event.get("patientNhsNumber"))
            .containsExactly("LEAD_UPDATED DENIED null");
    }

    @Test
    void onlyTheLeadAndAdminsSeeACaseload() {
        String leadId = api.registerLead("Private Lead", "Dalston", 5);
        api.assign(api.careTeam, api.plans(1).get(0), 1, leadId, null);

        api.caseload(LeadApi.leadToken("Private Lead"), leadId, 5).errors().verify();
        api.caseload(LeadApi.ADMIN, leadId, 5).errors().verify();
        assertThat(firstError(api.caseload(LeadApi.leadToken("Another Lead"), leadId, 5)).getExtensions())
            .containsEntry("classification", "FORBIDDEN");
        assertThat(firstError(api.caseload(api.careTeam, leadId, 5)).getExtensions()).containsEntry("classification",
                "FORBIDDEN");
        assertThat(firstError(api.caseload(IdentityProviders.patientToken("9434765919"), leadId, 5)).getExtensions())
            .containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void theLeadReachesTheClinicalDataOfTheirPatients() {
        String leadId = api.registerLead("Clinical Lead", "Homerton", 5);
        String planId = api.plans(1).get(0);
        api.assign(api.careTeam, planId, 1, leadId, null);

        Response asLead = as(LeadApi.leadToken("Clinical Lead"))
            .document("query($n: NhsNumber!) { patient(" + "nhsNumber: $n) { cancerPlan { id needs { concern } } } }")
            .variable("n", nhsNumberOf(planId))
            .execute();

        asLead.path("patient.cancerPlan.id").entity(String.class).isEqualTo(planId);
    }

    @Test
    void aCaseloadPageCostsTheSameFewRoundTripsWhateverItsSize() {
        String leadId = api.registerLead("Busy Lead", "Clapton", 200);
        api.plans(100).forEach(id -> api.assign(api.careTeam, id, 1, leadId, null));
        String query = "query($id: ID!, $first: Int) { neighbourhoodLead(id: $id) { id name caseload(first: $first) { "
                + "totalCount edges { node { id patient { nhsNumber familyName } neighbourhoodLead { lead { "
                + "name } } } } pageInfo { hasNextPage endCursor } } } }";

        commands.reset();
        Response small = as(LeadApi.ADMIN).document(query).variable("id", leadId).variable("first", 5).execute();
        List<String> forFive = commands.sent();
        commands.reset();
        Response large = as(LeadApi.ADMIN).document(query).variable("id", leadId).variable("first", 100).execute();
        List<String> forHundred = commands.sent();

        small.path("neighbourhoodLead.caseload.edges").entityList(Object.class).hasSize(5);
        large.path("neighbourhoodLead.caseload.edges")
            .entityList(Object.class)
            .hasSize(100)
            .path("neighbourhoodLead.caseload.edges[99].node.patient.familyName")
            .entity(String.class)
            .satisfies(familyName -> assertThat(familyName).startsWith("Patient"));
        // 5 commands (lead, page with total, patients, leads, audit); graphql-java
        // sometimes dispatches a level's
        // batch in two when two batch loaders share the level, hence one more. N+1 would
        // cost 100 more.
        assertThat(forFive).as("commands for a page of 5").hasSizeLessThanOrEqualTo(7);
        assertThat(forHundred).as("commands for a page of 100").hasSizeLessThanOrEqualTo(7);
    }

    private String nhsNumberOf(String planId) {
        return mongo.findById(new ObjectId(planId), Document.class, "cancerPlans").getString("patientNhsNumber");
    }

}
