package org.cancerplan.patient;

import java.time.LocalDate;

/**
 * A registration feed recorded the patient's death: their open invitations and tasks are
 * closed. Published until every listener has run without failing, so a listener must act
 * the same when told again.
 */
public record PatientDeceased(String nhsNumber, LocalDate deceasedOn) {
}
