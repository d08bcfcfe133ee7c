package org.cancerplan.plan;

/** Published after a plan was saved: which patient's plan, and its new version. */
public record CancerPlanChanged(String patientNhsNumber, String planId, Long version) {
}
