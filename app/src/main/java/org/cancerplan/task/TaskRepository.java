package org.cancerplan.task;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cancerplan.task.TaskParts.TaskStatus;
import org.springframework.data.mongodb.repository.MongoRepository;

interface TaskRepository extends MongoRepository<Task, String> {

    Optional<Task> findBySource(String source);

    List<Task> findByPatientNhsNumberOrderByCreatedAtDesc(String patientNhsNumber);

    List<Task> findByPatientNhsNumberAndStatusIn(String patientNhsNumber, Collection<TaskStatus> statuses);

    List<Task> findByPlanIdAndStatusInOrderByRankAscCreatedAtAsc(String planId, Collection<TaskStatus> statuses);

}
