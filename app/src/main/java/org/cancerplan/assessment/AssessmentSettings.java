package org.cancerplan.assessment;

import java.time.Duration;
import java.util.Optional;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the service asks for assessments by itself, and when one is late.
 *
 * @param atDiagnosis the questionnaire asked when a plan is first active (blank: none)
 * @param atEndOfTreatment the questionnaire asked when a treatment summary is issued
 * (blank: none)
 * @param dueWithin how long the patient has to answer a scheduled one
 * @param overdueAfter how long past its due date an unanswered one raises a task
 * @param sweepInterval how often late assessments and unfinished submissions are looked
 * for
 */
@Validated
@ConfigurationProperties("cancerplan.assessments")
public record AssessmentSettings(@DefaultValue("holistic-needs") String atDiagnosis,
        @DefaultValue("holistic-needs") String atEndOfTreatment,
        @DefaultValue("14d") @DurationMin(days = 1) Duration dueWithin,
        @DefaultValue("7d") @DurationMin(days = 1) Duration overdueAfter,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration sweepInterval) {

    static final String DEFAULT_SWEEP_INTERVAL = "1h";

    Optional<String> scheduledAtDiagnosis() {
        return Optional.ofNullable(atDiagnosis).filter(id -> !id.isBlank());
    }

    Optional<String> scheduledAtEndOfTreatment() {
        return Optional.ofNullable(atEndOfTreatment).filter(id -> !id.isBlank());
    }

}
