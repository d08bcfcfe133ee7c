package org.cancerplan.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The national targets of the cancer waiting-time standards, as fractions of patients (0
 * to 1).
 *
 * @param fasterDiagnosis 28-day faster diagnosis standard
 * @param decisionToTreat 31-day decision to treat to first treatment
 * @param referralToTreatment 62-day referral to first treatment
 */
@Validated
@ConfigurationProperties("cancerplan.waiting-times.targets")
record WaitingTimesProperties(@DefaultValue("0.80") @DecimalMin("0") @DecimalMax("1") double fasterDiagnosis,
        @DefaultValue("0.96") @DecimalMin("0") @DecimalMax("1") double decisionToTreat,
        @DefaultValue("0.85") @DecimalMin("0") @DecimalMax("1") double referralToTreatment) {

    double target(WaitingTimeStandard standard) {
        return switch (standard) {
            case FASTER_DIAGNOSIS -> fasterDiagnosis;
            case DECISION_TO_TREAT -> decisionToTreat;
            case REFERRAL_TO_TREATMENT -> referralToTreatment;
        };
    }
}
