package org.cancerplan.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.cancerplan.security.CallerKind;

/** The parts a plan is made of, each embedded in the plan's document. */
public final class PlanParts {

    private PlanParts() {
    }

    public record CancerType(String code, String display) {
    }

    public record Diagnosis(CancerType cancerType, boolean rareCancer, String stage, LocalDate diagnosedOn) {
    }

    public record Contact(String phone, String email) {
    }

    public record CareTeamMember(String role, String name, String organisation, Contact contact) {
    }

    public record Treatment(String id, TreatmentModality modality, TreatmentIntent intent, TreatmentStatus status,
            LocalDate startDate, LocalDate endDate, String providerOrganisation) {
    }

    /**
     * A need on the plan, recorded by staff or reported by the patient in an assessment
     * ({@code assessmentId} names it).
     */
    public record Need(NeedDomain domain, String concern, int severity, LocalDate assessedOn, NeedReporter reportedBy,
            String assessmentId) {

        public Need {
            reportedBy = reportedBy == null ? NeedReporter.STAFF : reportedBy;
        }

        public static Need reportedByThePatient(NeedDomain domain, String concern, int severity, LocalDate on,
                String assessmentId) {
            return new Need(domain, concern, severity, on, NeedReporter.PATIENT, assessmentId);
        }

    }

    /**
     * Where an offer of personalised care stands, as the national cancer dataset records
     * it.
     */
    public enum CareOfferStatus {

        OFFERED, ACCEPTED, DECLINED

    }

    /**
     * An offer of personalised care (a care and support plan): when it was offered, and
     * when the patient accepted or declined it.
     */
    public record CareOffer(CareOfferStatus status, LocalDate offeredOn, LocalDate respondedOn, String recordedBy) {
    }

    public enum NeedReporter {

        STAFF, PATIENT

    }

    public record Goal(String id, String description, GoalStatus status, LocalDate dueDate) {
    }

    /**
     * The plan's named neighbourhood lead: which lead (and the staff identity that signs
     * in as them), since when, why, and who assigned them.
     */
    public record LeadAssignment(String leadId, String leadStaffId, LocalDate assignedOn, String reason,
            String assignedBy) {
    }

    /** A past or current lead of the plan, for the assignment history. */
    public record LeadAssignmentRecord(String leadId, LocalDate from, LocalDate to, String reason, String assignedBy) {
    }

    /** The lead to assign, as the lead directory knows them. */
    public record LeadTarget(String leadId, String staffId, String name) {
    }

    /**
     * The end-of-treatment summary as issued, with the treatments given as they then
     * were; {@code acknowledgedAt} is set when the patient acknowledges the plan version
     * that carries it.
     */
    public record TreatmentSummary(LocalDate issuedOn, String issuedBy, List<Treatment> treatmentsGiven,
            List<String> sideEffectsToWatch, List<String> redFlagSymptoms, ReaccessPoint reaccess,
            List<String> gpActions, LocalDate sharedWithGpOn, Instant acknowledgedAt) {

        TreatmentSummary acknowledged(Instant at) {
            return new TreatmentSummary(issuedOn, issuedBy, treatmentsGiven, sideEffectsToWatch, redFlagSymptoms,
                    reaccess, gpActions, sharedWithGpOn, at);
        }
    }

    /** Whom the patient contacts after treatment. */
    public record ReaccessPoint(String description, String phone, String hours) {
    }

    /** How follow-up works after treatment. */
    public record FollowUp(FollowUpKind kind, LocalDate until, LocalDate nextReviewOn, List<SurveillanceTest> tests) {

        /** Patient-initiated follow-up is open up to and including its last day. */
        boolean allowsRequestOn(LocalDate day) {
            return kind == FollowUpKind.PATIENT_INITIATED && until != null && !day.isAfter(until);
        }

        /**
         * The arrangement in a line, e.g.
         * {@code Patient-initiated follow-up until 2029-11-30}.
         */
        public String describe() {
            return switch (kind) {
                case PATIENT_INITIATED -> "Patient-initiated follow-up until " + until;
                case SCHEDULED -> "Scheduled follow-up, next review " + nextReviewOn;
                case SURVEILLANCE ->
                    "Surveillance follow-up, " + tests.size() + (tests.size() == 1 ? " test" : " tests");
                case DISCHARGED -> "Discharged from follow-up";
            };
        }
    }

    public record SurveillanceTest(String name, LocalDate dueOn) {
    }

    public enum FollowUpKind {

        PATIENT_INITIATED, SCHEDULED, SURVEILLANCE, DISCHARGED

    }

    /** One change to the plan: when, by whom, to which version, what. */
    public record PlanChange(Instant at, long version, CallerKind actorKind, String actorName, String organisation,
            String summary) {
    }

    public enum TreatmentModality {

        SURGERY, CHEMOTHERAPY, RADIOTHERAPY, IMMUNOTHERAPY, HORMONE_THERAPY, TARGETED_THERAPY, STEM_CELL_TRANSPLANT,
        ACTIVE_MONITORING, PALLIATIVE_CARE, OTHER

    }

    public enum TreatmentIntent {

        CURATIVE, PALLIATIVE, ADJUVANT, NEOADJUVANT, SUPPORTIVE

    }

    public enum TreatmentStatus {

        PLANNED, IN_PROGRESS, COMPLETED, STOPPED

    }

    public enum NeedDomain {

        PHYSICAL, MENTAL_HEALTH, SOCIAL, PRACTICAL, FAMILY, SPIRITUAL, INFORMATION

    }

    public enum GoalStatus {

        PROPOSED, ACTIVE, ACHIEVED, CANCELLED

    }

}
