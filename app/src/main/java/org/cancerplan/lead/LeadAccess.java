package org.cancerplan.lead;

import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.StaffPrivilege;
import org.springframework.security.access.AccessDeniedException;

/** Who may reach the lead directory and a lead's caseload. */
final class LeadAccess {

    private LeadAccess() {
    }

    static void requireDirectoryReader(Caller caller) {
        if (caller == null || !(caller.has(StaffPrivilege.CLINICAL) || caller.has(StaffPrivilege.ADMIN)
                || caller.is(CallerKind.SUPPORT))) {
            throw new AccessDeniedException(
                    "The lead directory needs a staff role with the clinical or admin privilege");
        }
    }

    static boolean isTheLeadThemself(Caller caller, NeighbourhoodLead lead) {
        return caller != null && caller.is(CallerKind.STAFF) && lead.staffId() != null
                && lead.staffId().equals(caller.subject());
    }

    static void requireCaseloadReader(Caller caller, NeighbourhoodLead lead) {
        if (!isTheLeadThemself(caller, lead)
                && (caller == null || !(caller.has(StaffPrivilege.ADMIN) || caller.is(CallerKind.SUPPORT)))) {
            throw new AccessDeniedException("A caseload is for the lead themself and staff with an admin role");
        }
    }

}
