package org.cancerplan.lead;

import static org.cancerplan.graphql.PagedList.objectId;

import java.util.List;
import java.util.Map;

import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import org.cancerplan.graphql.Batches;
import org.cancerplan.graphql.PagedList;
import org.cancerplan.graphql.Pages;
import org.cancerplan.lead.LeadInputs.AssignNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.DeactivateNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadPayload;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.UpdateNeighbourhoodLeadInput;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.CaseloadPage;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanParts.LeadAssignment;
import org.cancerplan.plan.PlanParts.LeadAssignmentRecord;
import org.cancerplan.security.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class LeadController {

    private static final PagedList DIRECTORY = PagedList.of("neighbourhoodLeads", objectId("id"));

    private static final PagedList CASELOAD = PagedList.of("caseload", objectId("id"));

    private final LeadService leads;

    LeadController(LeadService leads) {
        this.leads = leads;
    }

    /**
     * The schema's {@code CaseloadPage}: a page of a lead's caseload as a Relay
     * connection, with its size.
     */
    record CaseloadConnection(long totalCount, List<Edge<CancerPlan>> edges, PageInfo pageInfo) {
    }

    @QueryMapping
    NeighbourhoodLead neighbourhoodLead(@AuthenticationPrincipal Caller caller, @Argument String id) {
        return leads.find(caller, id).orElse(null);
    }

    @QueryMapping
    Connection<NeighbourhoodLead> neighbourhoodLeads(@AuthenticationPrincipal Caller caller,
            @Argument String neighbourhood, @Argument String organisation, @Argument Boolean activeOnly,
            @Argument Integer first, @Argument String after) {
        return DIRECTORY.connection(leads.list(caller, neighbourhood, organisation, !Boolean.FALSE.equals(activeOnly),
                DIRECTORY.after(after), Pages.count(first)));
    }

    @SchemaMapping(typeName = "NeighbourhoodLead")
    CaseloadConnection caseload(NeighbourhoodLead lead, @AuthenticationPrincipal Caller caller, @Argument Integer first,
            @Argument String after) {
        CaseloadPage caseload = leads.caseload(caller, lead, CASELOAD.after(after), Pages.count(first));
        Connection<CancerPlan> page = CASELOAD.connection(caseload.plans());
        return new CaseloadConnection(caseload.size(), page.getEdges(), page.getPageInfo());
    }

    @BatchMapping(typeName = "LeadAssignment")
    Map<LeadAssignment, NeighbourhoodLead> lead(List<LeadAssignment> assignments) {
        return Batches.pair(assignments, LeadAssignment::leadId, leads::byIds);
    }

    @BatchMapping(typeName = "LeadAssignmentRecord", field = "lead")
    Map<LeadAssignmentRecord, NeighbourhoodLead> pastLead(List<LeadAssignmentRecord> records) {
        return Batches.pair(records, LeadAssignmentRecord::leadId, leads::byIds);
    }

    @MutationMapping
    NeighbourhoodLeadPayload registerNeighbourhoodLead(@AuthenticationPrincipal Caller caller,
            @Argument RegisterNeighbourhoodLeadInput input) {
        return leads.register(caller, input);
    }

    @MutationMapping
    NeighbourhoodLeadPayload updateNeighbourhoodLead(@AuthenticationPrincipal Caller caller,
            @Argument UpdateNeighbourhoodLeadInput input) {
        return leads.update(caller, input);
    }

    @MutationMapping
    NeighbourhoodLeadPayload deactivateNeighbourhoodLead(@AuthenticationPrincipal Caller caller,
            @Argument DeactivateNeighbourhoodLeadInput input) {
        return leads.deactivate(caller, input);
    }

    @MutationMapping
    CancerPlanPayload assignNeighbourhoodLead(@AuthenticationPrincipal Caller caller,
            @Argument AssignNeighbourhoodLeadInput input) {
        return leads.assign(caller, input);
    }

    @MutationMapping
    HandOverCaseloadPayload handOverCaseload(@AuthenticationPrincipal Caller caller,
            @Argument HandOverCaseloadInput input) {
        return leads.handOver(caller, input);
    }

}
