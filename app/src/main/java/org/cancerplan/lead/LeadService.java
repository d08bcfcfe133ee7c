package org.cancerplan.lead;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.audit.AuditOutcome;
import org.cancerplan.lead.LeadInputs.AssignNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.DeactivateNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadPayload;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.UpdateNeighbourhoodLeadInput;
import org.cancerplan.plan.CaseloadPage;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The directory of named neighbourhood cancer leads, their assignment to plans, caseloads
 * and handovers. Directory changes need a staff admin role; leads see their own caseload.
 */
@Service
public class LeadService {

    static final String OVERRIDE = "LEAD_RULES_OVERRIDDEN";

    private final LeadRepository leads;

    private final MongoTemplate mongo;

    private final PlanService plans;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final LeadDirectory directory;

    private final CaseloadHandover handover;

    LeadService(LeadRepository leads, MongoTemplate mongo, PlanService plans, AuditLog audit,
            IdempotentMutations idempotency, LeadDirectory directory, CaseloadHandover handover) {
        this.leads = leads;
        this.mongo = mongo;
        this.plans = plans;
        this.audit = audit;
        this.idempotency = idempotency;
        this.directory = directory;
        this.handover = handover;
    }

    public NeighbourhoodLeadPayload register(Caller caller, RegisterNeighbourhoodLeadInput input) {
        return directory.register(caller, input);
    }

    public NeighbourhoodLeadPayload update(Caller caller, UpdateNeighbourhoodLeadInput input) {
        return directory.update(caller, input);
    }

    /** Refused while the lead still has patients: hand the caseload over first. */
    public NeighbourhoodLeadPayload deactivate(Caller caller, DeactivateNeighbourhoodLeadInput input) {
        return directory.deactivate(caller, input);
    }

    /**
     * A directory entry, for staff (clinical or admin) and support, and for the lead
     * themself whatever role their organisation gave them (to reach their caseload).
     * Anyone else is refused alike whether or not the id exists.
     */
    public Optional<NeighbourhoodLead> find(Caller caller, String id) {
        Optional<NeighbourhoodLead> lead = id == null ? Optional.empty() : leads.findById(id);
        if (lead.isEmpty() || !LeadAccess.isTheLeadThemself(caller, lead.get())) {
            LeadAccess.requireDirectoryReader(caller);
        }
        return lead;
    }

    /** The directory, filtered by neighbourhood and organisation, page by page. */
    public Window<NeighbourhoodLead> list(Caller caller, String neighbourhood, String organisation, boolean activeOnly,
            ScrollPosition after, int count) {
        LeadAccess.requireDirectoryReader(caller);
        Query query = new Query();
        if (neighbourhood != null) {
            query.addCriteria(Criteria.where("neighbourhood").is(neighbourhood));
        }
        if (organisation != null) {
            query.addCriteria(Criteria.where("organisation").is(organisation.strip().toUpperCase()));
        }
        if (activeOnly) {
            query.addCriteria(Criteria.where("active").is(true));
        }
        return mongo.scroll(query.with(after).limit(count).with(Sort.by("id")), NeighbourhoodLead.class);
    }

    /** Leads by id, for showing a plan's lead; not patient data. */
    public Map<String, NeighbourhoodLead> byIds(Collection<String> ids) {
        return leads.findAllById(ids).stream().collect(Collectors.toMap(NeighbourhoodLead::id, Function.identity()));
    }

    /**
     * The lead's caseload, for the lead themself, staff with an admin role and support;
     * each patient audited.
     */
    public CaseloadPage caseload(Caller caller, NeighbourhoodLead lead, ScrollPosition after, int count) {
        LeadAccess.requireCaseloadReader(caller, lead);
        return plans.caseload(caller, lead.id(), after, count);
    }

    /**
     * Throws {@code AccessDeniedException} unless the caller may see what the lead's
     * caseload holds (their worklist, say): the lead themself, staff with an admin role
     * and support.
     */
    public void requireCaseloadReader(Caller caller, NeighbourhoodLead lead) {
        LeadAccess.requireCaseloadReader(caller, lead);
    }

    public long caseloadSize(Caller caller, NeighbourhoodLead lead) {
        LeadAccess.requireCaseloadReader(caller, lead);
        return plans.caseloadSize(lead.id());
    }

    /**
     * Names the plan's lead. An inactive lead or a full caseload is refused
     * ({@code LEAD_INACTIVE}, {@code CASELOAD_FULL}) unless an admin sets
     * {@code override}, which is audited.
     */
    public CancerPlanPayload assign(Caller caller, AssignNeighbourhoodLeadInput input) {
        String cmid = input.clientMutationId();
        boolean override = Boolean.TRUE.equals(input.override());
        if (override) {
            Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
        }
        return idempotency.once(caller, "assignNeighbourhoodLead", cmid, CancerPlanPayload.class, () -> {
            Optional<NeighbourhoodLead> found = input.leadId() == null ? Optional.empty()
                    : leads.findById(input.leadId());
            if (found.isEmpty()) {
                return failed(notFound("leadId"), cmid);
            }
            NeighbourhoodLead lead = found.get();
            List<UserError> rules = new ArrayList<>();
            if (!lead.active()) {
                rules.add(UserError.of("LEAD_INACTIVE", "leadId", "The lead is not active"));
            }
            if (plans.caseloadSize(lead.id()) >= lead.caseloadLimit()) {
                rules.add(UserError.of("CASELOAD_FULL", "leadId",
                        "The lead's caseload is at its limit of " + lead.caseloadLimit()));
            }
            if (input.reason() != null && Texts.characters(input.reason()) > 500) {
                return failed(UserError.of("TOO_LONG", "reason", "At most 500 characters"), cmid);
            }
            if (!rules.isEmpty() && !override) {
                return new CancerPlanPayload(null, rules, cmid);
            }
            CancerPlanPayload assigned = plans.assignLead(caller, input.planId(), input.expectedVersion(),
                    new LeadTarget(lead.id(), lead.staffId(), lead.name()), input.reason());
            if (!rules.isEmpty() && assigned.errors().isEmpty()) {
                audit.record(caller, assigned.plan().getPatientNhsNumber(), OVERRIDE, AuditOutcome.ALLOWED);
            }
            return new CancerPlanPayload(assigned.plan(), assigned.errors(), cmid);
        }, error -> failed(error, cmid));
    }

    /**
     * Moves a lead's whole caseload to another lead, or spreads it over a neighbourhood's
     * active leads within their caseload limits; staff with an admin role only.
     */
    public HandOverCaseloadPayload handOver(Caller caller, HandOverCaseloadInput input) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
        Optional<NeighbourhoodLead> from = input.fromLeadId() == null ? Optional.empty()
                : leads.findById(input.fromLeadId());
        return from.map(lead -> handover.handOver(caller, lead, input))
            .orElseGet(() -> new HandOverCaseloadPayload(0, 0, List.of(notFound("fromLeadId"))));
    }

    private static CancerPlanPayload failed(UserError error, String cmid) {
        return new CancerPlanPayload(null, List.of(error), cmid);
    }

    private static UserError notFound(String field) {
        return UserError.of("NOT_FOUND", field, "No such lead");
    }

}
