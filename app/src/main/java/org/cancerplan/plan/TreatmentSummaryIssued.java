package org.cancerplan.plan;

import org.cancerplan.security.Caller;

/**
 * Published after a plan was saved with a new end-of-treatment summary.
 *
 * @param leadId the plan's neighbourhood lead, or null when it has none
 * @param organisation the issuing care team member's organisation (ODS code)
 */
public record TreatmentSummaryIssued(String planId, String patientNhsNumber, String leadId, String organisation,
        Caller by) {
}
