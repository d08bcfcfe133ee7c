package org.cancerplan.lead;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.graphql.Batches;
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
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

@Controller
class LeadController {

    private final LeadService leads;
    private final CursorStrategy<ScrollPosition> cursors;

    LeadController(LeadService leads, CursorStrategy<ScrollPosition> cursors) {
        this.leads = leads;
        this.cursors = cursors;
    }

    @QueryMapping
    NeighbourhoodLead neighbourhoodLead(@AuthenticationPrincipal Caller caller, @Argument String id) {
        return leads.find(caller, id).orElse(null);
    }

    @QueryMapping
    Window<NeighbourhoodLead> neighbourhoodLeads(@AuthenticationPrincipal Caller caller,
            @Argument String neighbourhood, @Argument String organisation, @Argument Boolean activeOnly,
            @Argument Integer first, ScrollSubrange subrange) {
        return leads.list(caller, neighbourhood, organisation, !Boolean.FALSE.equals(activeOnly),
                subrange.position().orElse(ScrollPosition.keyset()), Pages.count(first, subrange));
    }

    @SchemaMapping(typeName = "NeighbourhoodLead")
    CaseloadPage caseload(NeighbourhoodLead lead, @AuthenticationPrincipal Caller caller, @Argument Integer first,
            ScrollSubrange subrange) {
        return leads.caseload(caller, lead, subrange.position().orElse(ScrollPosition.keyset()),
                Pages.count(first, subrange));
    }

    @SchemaMapping(typeName = "CaseloadPage")
    long totalCount(CaseloadPage caseload) {
        return caseload.size();
    }

    @SchemaMapping(typeName = "CaseloadPage")
    List<Map<String, Object>> edges(CaseloadPage caseload) {
        Window<CancerPlan> page = caseload.plans();
        List<Map<String, Object>> edges = new java.util.ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            edges.add(Map.of("node", page.getContent().get(i), "cursor", cursors.toCursor(page.positionAt(i))));
        }
        return edges;
    }

    @SchemaMapping(typeName = "CaseloadPage")
    Map<String, Object> pageInfo(CaseloadPage caseload) {
        Window<CancerPlan> page = caseload.plans();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("hasNextPage", page.hasNext());
        info.put("hasPreviousPage", false);
        info.put("startCursor", page.isEmpty() ? null : cursors.toCursor(page.positionAt(0)));
        info.put("endCursor", page.isEmpty() ? null : cursors.toCursor(page.positionAt(page.size() - 1)));
        return info;
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
