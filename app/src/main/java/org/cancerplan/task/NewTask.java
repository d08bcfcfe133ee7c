package org.cancerplan.task;

import java.time.LocalDate;

import org.cancerplan.task.TaskParts.FollowUpRequest;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;

/**
 * A task another feature raises for a plan.
 *
 * @param source what raised it, unique: raising the same source again does nothing
 * @param request what the patient said, for a follow-up request
 */
public record NewTask(String source, TaskKind kind, TaskPriority priority, String summary, LocalDate dueBy,
        String patientNhsNumber, String planId, FollowUpRequest request) {
}
