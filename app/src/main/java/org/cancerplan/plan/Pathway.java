package org.cancerplan.plan;

import java.time.LocalDate;

/** The milestones of the cancer waiting-times pathway. */
public record Pathway(LocalDate referralReceivedOn, LocalDate diagnosisCommunicatedOn, LocalDate cancerRuledOutOn,
        LocalDate decisionToTreatOn, LocalDate firstTreatmentOn) {

    static final Pathway NONE = new Pathway(null, null, null, null, null);

    /**
     * When the faster diagnosis standard's clock stops: told of the diagnosis, or that
     * cancer was ruled out.
     */
    LocalDate diagnosisOutcomeOn() {
        return diagnosisCommunicatedOn != null ? diagnosisCommunicatedOn : cancerRuledOutOn;
    }

    Pathway with(PathwayEvent event, LocalDate on) {
        return switch (event) {
            case REFERRAL_RECEIVED ->
                new Pathway(on, diagnosisCommunicatedOn, cancerRuledOutOn, decisionToTreatOn, firstTreatmentOn);
            case DIAGNOSIS_COMMUNICATED ->
                new Pathway(referralReceivedOn, on, cancerRuledOutOn, decisionToTreatOn, firstTreatmentOn);
            case CANCER_RULED_OUT ->
                new Pathway(referralReceivedOn, diagnosisCommunicatedOn, on, decisionToTreatOn, firstTreatmentOn);
            case DECISION_TO_TREAT ->
                new Pathway(referralReceivedOn, diagnosisCommunicatedOn, cancerRuledOutOn, on, firstTreatmentOn);
            case FIRST_TREATMENT ->
                new Pathway(referralReceivedOn, diagnosisCommunicatedOn, cancerRuledOutOn, decisionToTreatOn, on);
        };
    }

    public enum PathwayEvent {

        REFERRAL_RECEIVED, DIAGNOSIS_COMMUNICATED, CANCER_RULED_OUT, DECISION_TO_TREAT, FIRST_TREATMENT

    }
}
