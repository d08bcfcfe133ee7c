package org.cancerplan.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;

import org.cancerplan.assessment.AssessmentParts.Answer;
import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
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
 * A questionnaire the patient is asked to fill in, in the version they were asked, and
 * their answers: one document, so a submission is one atomic write. It names what asked
 * for it ({@code source}, unique), so the same request or schedule asks once. A
 * submission with concerns is saved with {@code followThroughPending} until the needs and
 * the task it raises are recorded, so a stop in between loses nothing: the sweep finishes
 * it.
 */
@Document(Assessment.COLLECTION)
@CompoundIndexes({
        @CompoundIndex(name = "patient_status_due", def = "{ 'patientNhsNumber': 1, 'status': 1, 'dueBy': 1 }"),
        @CompoundIndex(name = "status_due", def = "{ 'status': 1, 'dueBy': 1 }"),
        @CompoundIndex(name = "plan_requested", def = "{ 'planId': 1, 'requestedAt': -1 }"),
        @CompoundIndex(name = "follow_through", def = "{ 'followThroughPending': 1 }") })
public class Assessment {

    static final String COLLECTION = "assessments";

    @Id
    private String id;

    @Indexed(unique = true, name = "source")
    private String source;

    private String planId;

    private String patientNhsNumber;

    private String questionnaireId;

    private int questionnaireVersion;

    /** Copied from the questionnaire, for the national dataset's counts. */
    private boolean holisticNeedsAssessment;

    private LocalDate dueBy;

    private AssessmentStatus status;

    private Instant requestedAt;

    private String requestedBy;

    private Instant submittedAt;

    private Instant declinedAt;

    private List<Answer> answers = new ArrayList<>();

    private boolean followThroughPending;

    private boolean overdueTaskRaised;

    /** What to tell the patient (they were asked) not yet turned into a message. */
    private List<MessageIntent> outbox = new ArrayList<>();

    @Indexed(name = "outbox_pending", sparse = true)
    private Boolean outboxPending;

    @Transient
    private boolean toldPatient;

    @Version
    private Long revision;

    Assessment() {
    }

    static Assessment requested(String source, String planId, String patientNhsNumber, Questionnaire questionnaire,
            LocalDate dueBy, Caller by, Instant now) {
        Assessment assessment = new Assessment();
        assessment.id = new ObjectId().toHexString();
        assessment.source = source;
        assessment.planId = planId;
        assessment.patientNhsNumber = patientNhsNumber;
        assessment.questionnaireId = questionnaire.id();
        assessment.questionnaireVersion = questionnaire.version();
        assessment.holisticNeedsAssessment = questionnaire.holisticNeedsAssessment();
        assessment.dueBy = dueBy;
        assessment.status = AssessmentStatus.REQUESTED;
        assessment.requestedAt = now;
        assessment.requestedBy = by.name();
        assessment.outbox.add(MessageIntent.of(MessageKind.ASSESSMENT_REQUESTED, patientNhsNumber, "ASSESSMENT",
                assessment.id, now, Map.of("questionnaire", questionnaire.title(), "dueBy", dueBy.toString())));
        assessment.outboxPending = true;
        assessment.toldPatient = true;
        return assessment;
    }

    @DomainEvents
    List<Object> messagesWritten() {
        return toldPatient ? List.of(new MessageIntent.Written(COLLECTION)) : List.of();
    }

    @AfterDomainEventPublication
    void messagesAnnounced() {
        toldPatient = false;
    }

    void submit(List<Answer> given, Instant now) {
        answers = new ArrayList<>(given);
        status = AssessmentStatus.SUBMITTED;
        submittedAt = now;
        followThroughPending = given.stream().anyMatch(Answer::concern);
    }

    void decline(Instant now) {
        status = AssessmentStatus.DECLINED;
        declinedAt = now;
    }

    void followedThrough() {
        followThroughPending = false;
    }

    public String getId() {
        return id;
    }

    public String getSource() {
        return source;
    }

    public String getPlanId() {
        return planId;
    }

    public String getPatientNhsNumber() {
        return patientNhsNumber;
    }

    public String getQuestionnaireId() {
        return questionnaireId;
    }

    public int getQuestionnaireVersion() {
        return questionnaireVersion;
    }

    public boolean isHolisticNeedsAssessment() {
        return holisticNeedsAssessment;
    }

    public LocalDate getDueBy() {
        return dueBy;
    }

    public AssessmentStatus getStatus() {
        return status;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getDeclinedAt() {
        return declinedAt;
    }

    public List<Answer> getAnswers() {
        return List.copyOf(answers);
    }

    public boolean isFollowThroughPending() {
        return followThroughPending;
    }

    public boolean isOverdueTaskRaised() {
        return overdueTaskRaised;
    }

    public Long getVersion() {
        return revision == null ? 1L : revision + 1;
    }

}
