package org.cancerplan.plan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Performance against the waiting-time standards for an organisation's plans (or all,
 * when {@code organisation} is null) whose standard was measured, i.e. whose end
 * milestone fell, between {@code from} and {@code to}.
 */
public record WaitingTimesReport(String organisation, LocalDate from, LocalDate to, Performance fasterDiagnosis,
        Performance decisionToTreat, Performance referralToTreatment, Instant computedAt) {

    /**
     * @param rate met / measured, or null when nothing was measured
     */
    public record Performance(int measured, int met, Double rate, double target) {
    }
}
