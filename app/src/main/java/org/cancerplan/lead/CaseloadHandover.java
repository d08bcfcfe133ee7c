package org.cancerplan.lead;

import java.util.List;
import java.util.Optional;

import org.cancerplan.lead.LeadInputs.HandOverCaseloadInput;
import org.cancerplan.lead.LeadInputs.HandOverCaseloadPayload;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.plan.PlanService;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a lead's whole caseload to another lead, or spreads it round robin over a
 * neighbourhood's active leads within their caseload limits. Each plan moves in its own
 * atomic write, audited first; if the run stops half-way every plan is either moved or
 * untouched, and running it again finishes the job.
 */
@Component
class CaseloadHandover {

    private static final Logger log = LoggerFactory.getLogger(CaseloadHandover.class);

    private final LeadRepository leads;

    private final PlanService plans;

    CaseloadHandover(LeadRepository leads, PlanService plans) {
        this.leads = leads;
        this.plans = plans;
    }

    HandOverCaseloadPayload handOver(Caller caller, NeighbourhoodLead from, HandOverCaseloadInput input) {
        List<String> planIds = plans.planIdsOfLead(from.id());
        List<Receiver> receivers = receivers(input, from);
        if (receivers.isEmpty()) {
            String field = input.toLeadId() != null ? "toLeadId" : "neighbourhood";
            return new HandOverCaseloadPayload(0, planIds.size(),
                    List.of(UserError.of("NO_RECEIVING_LEAD", field, "No active lead to receive the caseload")));
        }
        int moved = 0;
        int next = 0;
        try {
            for (String planId : planIds) {
                Optional<Receiver> receiver = nextWithRoom(receivers, next++);
                if (receiver.isEmpty()) {
                    return new HandOverCaseloadPayload(moved, planIds.size() - moved,
                            List.of(UserError.of("CASELOAD_FULL", "toLeadId",
                                    "The receiving leads' caseloads are full; " + (planIds.size() - moved)
                                            + " plans remain with the old lead")));
                }
                if (plans.handOver(caller, planId, from.id(), receiver.get().target(), input.reason())) {
                    receiver.get().room--;
                    moved++;
                }
            }
        }
        catch (RuntimeException failure) {
            log.error("Caseload handover from lead {} stopped after {} of {} plans", from.id(), moved, planIds.size(),
                    failure);
            return new HandOverCaseloadPayload(moved, planIds.size() - moved,
                    List.of(UserError.of("HANDOVER_INCOMPLETE", "fromLeadId",
                            "The handover stopped after " + moved + " of " + planIds.size()
                                    + " plans; each plan is either moved or untouched: run it again to " + "finish")));
        }
        return new HandOverCaseloadPayload(moved, plans.planIdsOfLead(from.id()).size(), List.of());
    }

    /** A lead who may receive plans, and how many more their caseload limit allows. */
    private static final class Receiver {

        private final NeighbourhoodLead lead;

        private long room;

        Receiver(NeighbourhoodLead lead, long room) {
            this.lead = lead;
            this.room = room;
        }

        LeadTarget target() {
            return new LeadTarget(lead.id(), lead.staffId(), lead.name());
        }

    }

    private List<Receiver> receivers(HandOverCaseloadInput input, NeighbourhoodLead from) {
        List<NeighbourhoodLead> candidates;
        if (input.toLeadId() != null) {
            candidates = leads.findById(input.toLeadId()).filter(NeighbourhoodLead::active).stream().toList();
        }
        else if (input.neighbourhood() != null) {
            candidates = leads.findByNeighbourhoodAndActiveTrueOrderByIdAsc(input.neighbourhood());
        }
        else {
            candidates = List.of();
        }
        return candidates.stream()
            .filter(lead -> !lead.id().equals(from.id()))
            .map(lead -> new Receiver(lead, lead.caseloadLimit() - plans.caseloadSize(lead.id())))
            .toList();
    }

    /** Round robin over the receivers that still have room. */
    private static Optional<Receiver> nextWithRoom(List<Receiver> receivers, int turn) {
        for (int i = 0; i < receivers.size(); i++) {
            Receiver receiver = receivers.get((turn + i) % receivers.size());
            if (receiver.room > 0) {
                return Optional.of(receiver);
            }
        }
        return Optional.empty();
    }

}
