package org.cancerplan.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cancerplan.security.Caller;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.cancerplan.task.TaskParts.Assignee;
import org.cancerplan.task.TaskParts.FollowUpRequest;
import org.cancerplan.task.TaskParts.TaskChange;
import org.cancerplan.task.TaskParts.TaskKind;
import org.cancerplan.task.TaskParts.TaskPriority;
import org.cancerplan.task.TaskParts.TaskStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something a lead or a care team has to do for a patient: one document with its history,
 * so every change is one atomic write. Its version starts at 1 and every change adds one;
 * a change from an older version is refused. Each task names what raised it
 * ({@code source}, unique), so raising it again does nothing.
 */
@Document(Task.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "lead_worklist",
                def = "{ 'assignee.leadId': 1, 'status': 1, 'rank': 1, 'createdAt': 1, '_id': 1 }"),
        @CompoundIndex(name = "organisation_worklist",
                def = "{ 'assignee.organisation': 1, 'status': 1, 'rank': 1, 'createdAt': 1, '_id': 1 }"),
        @CompoundIndex(name = "plan_tasks", def = "{ 'planId': 1, 'status': 1 }"), @CompoundIndex(name = "patient_kind",
                def = "{ 'patientNhsNumber': 1, 'kind': 1, 'createdAt': -1, '_id': 1 }") })
public class Task {

    static final String COLLECTION = "tasks";

    @Id
    private String id;

    @Indexed(unique = true, name = "source")
    private String source;

    private TaskKind kind;

    private TaskPriority priority;

    /** The priority's rank, stored so the worklist sorts by it. */
    private int rank;

    private String summary;

    private LocalDate dueBy;

    private String patientNhsNumber;

    private String planId;

    private Assignee assignee;

    private TaskStatus status;

    @Version
    private Long revision;

    private Instant createdAt;

    private Instant updatedAt;

    /** When someone first acted on it (started or closed it). */
    private Instant pickedUpAt;

    private FollowUpRequest request;

    private List<TaskChange> history = new ArrayList<>();

    /**
     * What to tell the patient (their request was picked up) not yet turned into a
     * message.
     */
    private List<MessageIntent> outbox = new ArrayList<>();

    @Indexed(name = "outbox_pending", sparse = true)
    private Boolean outboxPending;

    @Transient
    private boolean toldPatient;

    Task() {
    }

    static Task raise(NewTask what, Assignee assignee, Caller by, Instant now) {
        Task task = new Task();
        task.source = what.source();
        task.kind = what.kind();
        task.priority = what.priority();
        task.rank = what.priority().rank();
        task.summary = what.summary();
        task.dueBy = what.dueBy();
        task.patientNhsNumber = what.patientNhsNumber();
        task.planId = what.planId();
        task.request = what.request();
        task.assignee = assignee;
        task.status = TaskStatus.OPEN;
        task.createdAt = now;
        task.updatedAt = now;
        task.history.add(change(by, now, 1, "Raised", null));
        return task;
    }

    /** Moves to {@code next} with an optional note; closed tasks stay closed. */
    void moveTo(TaskStatus next, String note, Caller by, Instant now) {
        status = next;
        if (pickedUpAt == null && next != TaskStatus.OPEN) {
            pickedUpAt = now;
            if (kind == TaskKind.FOLLOW_UP_REQUEST && next != TaskStatus.CANCELLED) {
                outbox.add(MessageIntent.of(MessageKind.FOLLOW_UP_PICKED_UP, patientNhsNumber, "FOLLOW_UP_REQUEST", id,
                        now, Map.of("reason", request.reason().name())));
                outboxPending = true;
                toldPatient = true;
            }
        }
        record(by, now, switch (next) {
            case OPEN -> "Reopened";
            case IN_PROGRESS -> "Started";
            case DONE -> "Done";
            case CANCELLED -> "Cancelled";
        }, note);
    }

    @DomainEvents
    List<Object> messagesWritten() {
        return toldPatient ? List.of(new MessageIntent.Written(COLLECTION)) : List.of();
    }

    @AfterDomainEventPublication
    void messagesAnnounced() {
        toldPatient = false;
    }

    void handTo(Assignee to, String description, String note, Caller by, Instant now) {
        assignee = to;
        record(by, now, description, note);
    }

    void noted(String note, Caller by, Instant now) {
        record(by, now, "Noted", note);
    }

    private void record(Caller by, Instant now, String action, String note) {
        updatedAt = now;
        history.add(change(by, now, getVersion() + 1, action, note));
    }

    private static TaskChange change(Caller by, Instant at, long version, String action, String note) {
        return new TaskChange(at, version, by.kind(), by.name(), by.organisation(), action, note);
    }

    boolean isAssignedToLead(String leadId) {
        return assignee != null && leadId != null && leadId.equals(assignee.leadId());
    }

    public String getId() {
        return id;
    }

    public String getSource() {
        return source;
    }

    public TaskKind getKind() {
        return kind;
    }

    public TaskPriority getPriority() {
        return priority;
    }

    public String getSummary() {
        return summary;
    }

    public LocalDate getDueBy() {
        return dueBy;
    }

    public String getPatientNhsNumber() {
        return patientNhsNumber;
    }

    public String getPlanId() {
        return planId;
    }

    public Assignee getAssignee() {
        return assignee;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public Long getVersion() {
        return revision == null ? 1L : revision + 1;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getPickedUpAt() {
        return pickedUpAt;
    }

    public FollowUpRequest getRequest() {
        return request;
    }

    public List<TaskChange> getHistory() {
        return List.copyOf(history);
    }

    /** Whether it is open or in progress and past its due date on {@code today}. */
    public boolean isOverdue(LocalDate today) {
        return !status.isClosed() && dueBy != null && dueBy.isBefore(today);
    }

}
