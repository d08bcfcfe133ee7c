package org.cancerplan.lead;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.cancerplan.audit.AuditLog;
import org.cancerplan.lead.LeadInputs.DeactivateNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.UpdateNeighbourhoodLeadInput;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Access;
import org.cancerplan.security.Caller;
import org.cancerplan.security.Operation;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.UserError;
import org.cancerplan.store.IdempotentMutations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The one write path of the lead directory: registering, changing and deactivating leads,
 * each declared once below (its name, audit action and rule: staff with an admin role,
 * and support). A refusal is audited as denied; an allowed change is not, as the
 * directory holds no patient's data (and registering a lead stays one write). Repeats
 * with the same {@code clientMutationId} act once; a lead changed meanwhile is a version
 * conflict.
 */
@Component
class LeadDirectory {

    static final Operation<NeighbourhoodLead> REGISTER = new Operation<>("registerNeighbourhoodLead", "LEAD_REGISTERED",
            LeadDirectory::directoryAdmin);
    static final Operation<NeighbourhoodLead> UPDATE = new Operation<>("updateNeighbourhoodLead", "LEAD_UPDATED",
            LeadDirectory::directoryAdmin);
    static final Operation<NeighbourhoodLead> DEACTIVATE = new Operation<>("deactivateNeighbourhoodLead",
            "LEAD_DEACTIVATED", LeadDirectory::directoryAdmin);

    private final LeadRepository leads;

    private final PlanService plans;

    private final AuditLog audit;

    private final IdempotentMutations idempotency;

    private final Clock clock;

    LeadDirectory(LeadRepository leads, PlanService plans, AuditLog audit, IdempotentMutations idempotency,
            Clock clock) {
        this.leads = leads;
        this.plans = plans;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** The directory is changed by staff with an admin role, and support. */
    private static void directoryAdmin(Caller caller, NeighbourhoodLead lead) {
        Access.requireStaffPrivilege(caller, StaffPrivilege.ADMIN);
    }

    NeighbourhoodLeadPayload register(Caller caller, RegisterNeighbourhoodLeadInput input) {
        allow(REGISTER, caller);
        String cmid = input.clientMutationId();
        return idempotency.once(caller, REGISTER.name(), cmid, NeighbourhoodLeadPayload.class, () -> {
            List<UserError> errors = new LeadRules().text(input.name(), "name")
                .text(input.role(), "role")
                .organisation(input.organisation(), "organisation")
                .text(input.neighbourhood(), "neighbourhood")
                .caseloadLimit(input.caseloadLimit(), "caseloadLimit")
                .contact(input.contact(), "contact")
                .errors();
            if (!errors.isEmpty()) {
                return NeighbourhoodLeadPayload.failed(errors, cmid);
            }
            try {
                return NeighbourhoodLeadPayload.of(leads.insert(new NeighbourhoodLead(null, input.name().strip(),
                        input.role().strip(), input.organisation().strip().toUpperCase(), input.neighbourhood().strip(),
                        LeadRules.toContact(input.contact()), input.caseloadLimit(), true,
                        LeadRules.blankToNull(input.staffId()), clock.instant(), clock.instant(), null)), cmid);
            }
            catch (DuplicateKeyException staffIdTaken) {
                return NeighbourhoodLeadPayload.failed(List
                    .of(UserError.of("DUPLICATE", "staffId", "Another lead already signs in with this staff identity")),
                        cmid);
            }
        }, error -> NeighbourhoodLeadPayload.failed(List.of(error), cmid));
    }

    NeighbourhoodLeadPayload update(Caller caller, UpdateNeighbourhoodLeadInput input) {
        allow(UPDATE, caller);
        String cmid = input.clientMutationId();
        return idempotency.once(caller, UPDATE.name(), cmid, NeighbourhoodLeadPayload.class, () -> {
            Optional<NeighbourhoodLead> found = input.leadId() == null ? Optional.empty()
                    : leads.findById(input.leadId());
            if (found.isEmpty()) {
                return NeighbourhoodLeadPayload.failed(List.of(notFound("leadId")), cmid);
            }
            NeighbourhoodLead lead = found.get();
            LeadRules rules = new LeadRules();
            String name = input.name() == null ? lead.name() : input.name();
            String role = input.role() == null ? lead.role() : input.role();
            String neighbourhood = input.neighbourhood() == null ? lead.neighbourhood() : input.neighbourhood();
            int limit = input.caseloadLimit() == null ? lead.caseloadLimit() : input.caseloadLimit();
            rules.text(name, "name")
                .text(role, "role")
                .text(neighbourhood, "neighbourhood")
                .caseloadLimit(limit, "caseloadLimit")
                .contact(input.contact(), "contact");
            if (Boolean.FALSE.equals(input.active()) && plans.caseloadSize(lead.id()) > 0) {
                return NeighbourhoodLeadPayload.failed(List.of(caseloadNotEmpty(lead)), cmid);
            }
            if (!rules.errors().isEmpty()) {
                return NeighbourhoodLeadPayload.failed(rules.errors(), cmid);
            }
            NeighbourhoodLead.Contact contact = input.contact() == null ? lead.contact()
                    : LeadRules.toContact(input.contact());
            String staffId = input.staffId() == null ? lead.staffId() : LeadRules.blankToNull(input.staffId());
            boolean active = input.active() == null ? lead.active() : input.active();
            NeighbourhoodLeadPayload saved = save(UPDATE, caller, lead.updated(name.strip(), role.strip(),
                    neighbourhood.strip(), contact, limit, staffId, active, clock.instant()), cmid);
            if (saved.errors().isEmpty() && input.staffId() != null) {
                plans.relinkLeadIdentity(lead.id(), staffId);
            }
            return saved;
        }, error -> NeighbourhoodLeadPayload.failed(List.of(error), cmid));
    }

    /** Refused while the lead still has patients: hand the caseload over first. */
    NeighbourhoodLeadPayload deactivate(Caller caller, DeactivateNeighbourhoodLeadInput input) {
        allow(DEACTIVATE, caller);
        String cmid = input.clientMutationId();
        Optional<NeighbourhoodLead> found = input.leadId() == null ? Optional.empty() : leads.findById(input.leadId());
        if (found.isEmpty()) {
            return NeighbourhoodLeadPayload.failed(List.of(notFound("leadId")), cmid);
        }
        if (plans.caseloadSize(found.get().id()) > 0) {
            return NeighbourhoodLeadPayload.failed(List.of(caseloadNotEmpty(found.get())), cmid);
        }
        return save(DEACTIVATE, caller, found.get().deactivated(clock.instant()), cmid);
    }

    /**
     * The operation's rule on the caller, before anything is read; a refusal is audited.
     */
    private void allow(Operation<NeighbourhoodLead> operation, Caller caller) {
        audit.allowCaller(caller, operation.action(), () -> operation.rule().check(caller, null));
    }

    private NeighbourhoodLeadPayload save(Operation<NeighbourhoodLead> operation, Caller caller, NeighbourhoodLead lead,
            String cmid) {
        try {
            return NeighbourhoodLeadPayload.of(leads.save(lead), cmid);
        }
        catch (OptimisticLockingFailureException concurrentChange) {
            return NeighbourhoodLeadPayload.failed(List
                .of(UserError.of("VERSION_CONFLICT", "leadId", "The lead was changed meanwhile; read it again")), cmid);
        }
        catch (DuplicateKeyException staffIdTaken) {
            return NeighbourhoodLeadPayload.failed(List
                .of(UserError.of("DUPLICATE", "staffId", "Another lead already signs in with this staff identity")),
                    cmid);
        }
    }

    private static UserError notFound(String field) {
        return UserError.of("NOT_FOUND", field, "No such lead");
    }

    private static UserError caseloadNotEmpty(NeighbourhoodLead lead) {
        return UserError.of("CASELOAD_NOT_EMPTY", "leadId",
                "The lead still has patients: hand their caseload over " + "first (handOverCaseload)");
    }

}
