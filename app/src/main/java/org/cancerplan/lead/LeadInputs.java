package org.cancerplan.lead;

import java.util.List;

import org.cancerplan.shared.UserError;

/** The inputs and payloads of the lead directory's mutations. */
public final class LeadInputs {

    private LeadInputs() {
    }

    public record ContactInput(String phone, String email) {
    }

    public record RegisterNeighbourhoodLeadInput(String name, String role, String organisation, String neighbourhood,
            Integer caseloadLimit, ContactInput contact, String staffId, String clientMutationId) {
    }

    /** Fields left out are unchanged. */
    public record UpdateNeighbourhoodLeadInput(String leadId, String name, String role, String neighbourhood,
            Integer caseloadLimit, ContactInput contact, String staffId, Boolean active, String clientMutationId) {
    }

    public record DeactivateNeighbourhoodLeadInput(String leadId, String clientMutationId) {
    }

    public record AssignNeighbourhoodLeadInput(String planId, Long expectedVersion, String leadId, String reason,
            Boolean override, String clientMutationId) {
    }

    /**
     * Either {@code toLeadId}, or {@code neighbourhood} to spread the caseload over its
     * active leads.
     */
    public record HandOverCaseloadInput(String fromLeadId, String toLeadId, String neighbourhood, String reason) {
    }

    public record NeighbourhoodLeadPayload(NeighbourhoodLead lead, List<UserError> errors, String clientMutationId) {

        static NeighbourhoodLeadPayload of(NeighbourhoodLead lead, String cmid) {
            return new NeighbourhoodLeadPayload(lead, List.of(), cmid);
        }

        static NeighbourhoodLeadPayload failed(List<UserError> errors, String cmid) {
            return new NeighbourhoodLeadPayload(null, List.copyOf(errors), cmid);
        }
    }

    /**
     * @param remaining plans still with the old lead; when not zero, run the handover
     * again to finish
     */
    public record HandOverCaseloadPayload(int moved, int remaining, List<UserError> errors) {
    }

}
