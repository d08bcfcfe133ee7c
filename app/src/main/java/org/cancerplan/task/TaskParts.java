package org.cancerplan.task;

import java.time.Instant;

import org.cancerplan.security.CallerKind;

/** The parts of a {@link Task}. */
public final class TaskParts {

    private TaskParts() {
    }

    public enum TaskKind {

        /** A summary was issued for a plan that has no neighbourhood lead. */
        ASSIGN_LEAD,
        /** The patient asked for follow-up (patient-initiated follow-up). */
        FOLLOW_UP_REQUEST,
        /**
         * An answer in an assessment reached its questionnaire's threshold of concern.
         */
        PATIENT_REPORTED_CONCERN,
        /** An assessment is seven days past its due date. */
        ASSESSMENT_OVERDUE

    }

    /** Most urgent first: the worklist sorts by {@link #rank()}. */
    public enum TaskPriority {

        URGENT, HIGH, ROUTINE;

        int rank() {
            return ordinal();
        }

    }

    public enum TaskStatus {

        OPEN, IN_PROGRESS, DONE, CANCELLED;

        boolean isClosed() {
            return this == DONE || this == CANCELLED;
        }

    }

    /** Why a patient asked for follow-up; a new symptom is urgent. */
    public enum FollowUpReason {

        NEW_SYMPTOM(TaskPriority.URGENT, "a new symptom"), SIDE_EFFECT(TaskPriority.HIGH, "a side effect"),
        WORRY(TaskPriority.HIGH, "a worry"), QUESTION(TaskPriority.ROUTINE, "a question"),
        OTHER(TaskPriority.ROUTINE, "something else");

        private final TaskPriority priority;

        private final String description;

        FollowUpReason(TaskPriority priority, String description) {
            this.priority = priority;
            this.description = description;
        }

        public TaskPriority priority() {
            return priority;
        }

        String description() {
            return description;
        }

    }

    /**
     * Who the task is for: a neighbourhood lead, or the care team's organisation while
     * the plan has no lead.
     *
     * @param leadId the lead's directory id, or null
     * @param leadStaffId the staff identity that signs in as the lead, or null
     * @param organisation the organisation's ODS code, when there is no lead
     */
    public record Assignee(String leadId, String leadStaffId, String organisation) {

        static Assignee lead(String leadId, String leadStaffId) {
            return new Assignee(leadId, leadStaffId, null);
        }

        static Assignee organisation(String organisation) {
            return new Assignee(null, null, organisation);
        }

    }

    /** What the patient said when they asked for follow-up. */
    public record FollowUpRequest(FollowUpReason reason, String details) {
    }

    /**
     * One entry of a task's history: who did what, and the version it made.
     *
     * @param action e.g. {@code Raised}, {@code Started}, {@code Done},
     * {@code Handed to lead ...}
     */
    public record TaskChange(Instant at, long version, CallerKind actorKind, String actorName, String organisation,
            String action, String note) {
    }

}
