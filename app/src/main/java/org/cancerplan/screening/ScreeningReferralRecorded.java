package org.cancerplan.screening;

import java.time.LocalDate;

/**
 * An abnormal screening result referred the patient: the date starts the faster diagnosis
 * clock.
 */
public record ScreeningReferralRecorded(String patientNhsNumber, Programme programme, LocalDate referredOn) {
}
