package org.cancerplan.plan;

/**
 * Published after a plan was saved active for the first time: the patient sees it from
 * now on, and the care that starts at diagnosis starts.
 */
public record PlanActivated(String planId, String patientNhsNumber) {
}
