package org.cancerplan.plan;

import org.cancerplan.security.Caller;

/**
 * Published after a plan was saved with a new neighbourhood lead (an assignment or a
 * caseload handover), so that what follows the lead (their open tasks) moves with it.
 *
 * @param fromLeadId the lead before, or null when the plan had none
 */
public record PlanLeadChanged(String planId, String patientNhsNumber, String fromLeadId, String toLeadId,
        String toLeadStaffId, Caller by) {
}
