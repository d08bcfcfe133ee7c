package org.cancerplan.plan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The national targets of the cancer waiting-time standards, as fractions of patients.
 *
 * @param fasterDiagnosis 28-day faster diagnosis standard
 * @param decisionToTreat 31-day decision to treat to first treatment
 * @param referralToTreatment 62-day referral to first treatment
 */
@ConfigurationProperties("cancerplan.waiting-times.targets")
record WaitingTimesProperties(@DefaultValue("0.80") double fasterDiagnosis, @DefaultValue("0.96") double decisionToTreat,
        @DefaultValue("0.85") double referralToTreatment) {

    double target(WaitingTimeStandard standard) {
        return switch (standard) {
            case FASTER_DIAGNOSIS -> fasterDiagnosis;
            case DECISION_TO_TREAT -> decisionToTreat;
            case REFERRAL_TO_TREATMENT -> referralToTreatment;
        };
    }
}
