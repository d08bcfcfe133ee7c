package org.cancerplan.task;

import java.time.Instant;
import java.util.List;

import org.cancerplan.shared.UserError;
import org.cancerplan.task.TaskParts.FollowUpReason;
import org.cancerplan.task.TaskParts.TaskStatus;

/** The API's inputs and payloads for tasks and follow-up requests. */
public final class TaskInputs {

    private TaskInputs() {
    }

    public record UpdateTaskInput(String taskId, Long expectedVersion, TaskStatus status, String note,
            String assignToLeadId, String clientMutationId) {
    }

    public record TaskPayload(Task task, List<UserError> errors, String clientMutationId) {

        static TaskPayload of(Task task, String clientMutationId) {
            return new TaskPayload(task, List.of(), clientMutationId);
        }

        static TaskPayload failed(UserError error, String clientMutationId) {
            return new TaskPayload(null, List.of(error), clientMutationId);
        }

    }

    public record RequestFollowUpInput(String planId, FollowUpReason reason, String details, String clientMutationId) {
    }

    /** A follow-up request as the patient sees it: the task it raised, in their terms. */
    public record FollowUpRequestView(String id, Instant raisedAt, FollowUpReason reason, String details,
            TaskStatus status, Instant updatedAt) {

        static FollowUpRequestView of(Task task) {
            return new FollowUpRequestView(task.getId(), task.getCreatedAt(), task.getRequest().reason(),
                    task.getRequest().details(), task.getStatus(), task.getUpdatedAt());
        }

    }

    public record RequestFollowUpPayload(FollowUpRequestView request, List<UserError> errors, String clientMutationId) {

        static RequestFollowUpPayload failed(UserError error, String clientMutationId) {
            return new RequestFollowUpPayload(null, List.of(error), clientMutationId);
        }

    }

}
