package org.cancerplan.shared;

/**
 * What a message to the patient tells them. Invitation and appointment messages are
 * non-clinical (a patient proofed to P5 sees them); the others carry care detail (P9).
 */
public enum MessageKind {

    INVITATION_ISSUED(false), INVITATION_REMINDED(false), APPOINTMENT_BOOKED(false), APPOINTMENT_MOVED(false),
    APPOINTMENT_CANCELLED(false), PLAN_SHARED(true), PLAN_TREATMENTS_CHANGED(true), PLAN_CARE_TEAM_CHANGED(true),
    LEAD_ASSIGNED(true), LEAD_CHANGED(true), TREATMENT_SUMMARY_ISSUED(true), ASSESSMENT_REQUESTED(true),
    FOLLOW_UP_PICKED_UP(true);

    private final boolean clinical;

    MessageKind(boolean clinical) {
        this.clinical = clinical;
    }

    public boolean isClinical() {
        return clinical;
    }

}
