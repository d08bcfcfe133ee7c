package org.cancerplan.fhir;

import java.util.List;
import java.util.Map;

import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.screening.ScreeningInvitation;

/**
 * What is held about one patient: demographics, plans (newest first), their leads by id,
 * invitations.
 */
public record PatientFile(Patient patient, List<CancerPlan> plans, Map<String, NeighbourhoodLead> leads,
        List<ScreeningInvitation> invitations) {
}
