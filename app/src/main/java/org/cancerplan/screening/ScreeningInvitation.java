package org.cancerplan.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Sharded;
import org.springframework.data.mongodb.core.mapping.ShardingStrategy;

/**
 * One invitation to a screening round, with its appointment, result and the history of
 * its status changes. The screening system's {@code externalId} is unique for the patient
 * (an index a sharded cluster allows, as it starts with the shard key), so a re-sent
 * invitation is never a second one; the feed refuses an externalId already issued for
 * another patient. {@code lsoaCode} is the patient's area when invited, for uptake by
 * deprivation.
 */
@Document(ScreeningInvitation.COLLECTION)
@Sharded(shardKey = "patientNhsNumber", shardingStrategy = ShardingStrategy.HASH, immutableKey = true)
@CompoundIndexes({
        @CompoundIndex(name = "patient_invited", def = "{ 'patientNhsNumber': 1, 'invitedOn': -1, '_id': 1 }"),
        @CompoundIndex(name = "patient_external_id", def = "{ 'patientNhsNumber': 1, 'externalId': 1 }", unique = true),
        @CompoundIndex(name = "external_id", def = "{ 'externalId': 1 }"),
        @CompoundIndex(name = "uptake", def = "{ 'programme': 1, 'invitedOn': 1 }"),
        @CompoundIndex(name = "status_invited", def = "{ 'status': 1, 'invitedOn': 1 }"),
        @CompoundIndex(name = "status_respond_by", def = "{ 'status': 1, 'respondBy': 1 }") })
public class ScreeningInvitation extends AbstractAggregateRoot<ScreeningInvitation> {

    static final String COLLECTION = "screeningInvitations";

    /** What messages about an invitation are about. */
    static final String ABOUT = "INVITATION";

    @Id
    private String id;

    private String externalId;

    private String patientNhsNumber;

    private Programme programme;

    private InvitationStatus status;

    private LocalDate invitedOn;

    private LocalDate respondBy;

    private boolean selfReferral;

    private String lsoaCode;

    private Appointment appointment;

    private LocalDate kitRequestedOn;

    private Result result;

    private Instant remindedAt;

    private List<StatusChange> history = new ArrayList<>();

    /** What to tell the patient about changes not yet turned into messages. */
    private List<MessageIntent> outbox = new ArrayList<>();

    @Indexed(name = "outbox_pending", sparse = true)
    private Boolean outboxPending;

    @Version
    private Long revision;

    public record Appointment(Instant at, String location) {
    }

    public record Result(Lifecycle.Outcome outcome, LocalDate recordedOn) {
    }

    /**
     * One change of status: to what, when, by whom, through which channel and, where it
     * says, why.
     */
    public record StatusChange(InvitationStatus status, Instant at, CallerKind byKind, String by, String channel,
            String reason) {

        StatusChange(InvitationStatus status, Instant at, CallerKind byKind, String by, String channel) {
            this(status, at, byKind, by, channel, null);
        }

    }

    ScreeningInvitation() {
    }

    static ScreeningInvitation issue(String externalId, String nhsNumber, Programme programme, LocalDate invitedOn,
            LocalDate respondBy, boolean selfReferral, String lsoaCode, Caller by, Instant now) {
        ScreeningInvitation invitation = new ScreeningInvitation();
        invitation.id = new ObjectId().toHexString();
        invitation.externalId = externalId;
        invitation.patientNhsNumber = nhsNumber;
        invitation.programme = programme;
        invitation.invitedOn = invitedOn;
        invitation.respondBy = respondBy;
        invitation.selfReferral = selfReferral;
        invitation.lsoaCode = lsoaCode;
        invitation.moveTo(InvitationStatus.INVITED, by, "integration", now);
        invitation.tell(MessageKind.INVITATION_ISSUED, now);
        return invitation;
    }

    /** The intent of a message about this invitation, with what its text needs. */
    MessageIntent intent(MessageKind kind, Instant now) {
        Map<String, String> fields = new HashMap<>();
        fields.put("programme", programme.name());
        fields.put("respondBy", respondBy.toString());
        if (appointment != null) {
            fields.put("appointmentAt", appointment.at().toString());
            fields.put("location", appointment.location());
        }
        return MessageIntent.of(kind, patientNhsNumber, ABOUT, id, now, fields);
    }

    private void tell(MessageKind kind, Instant now) {
        outbox.add(intent(kind, now));
        outboxPending = true;
        registerEvent(new MessageIntent.Written(COLLECTION));
    }

    void moveTo(InvitationStatus next, Caller by, String channel, Instant now) {
        moveTo(next, by, channel, null, now);
    }

    void moveTo(InvitationStatus next, Caller by, String channel, String reason, Instant now) {
        status = next;
        history.add(new StatusChange(next, now, by.kind(), by.name(), channel, reason));
    }

    /** Books, or moves the booking to, {@code appointment}, and tells the patient. */
    void book(Appointment appointment, Instant now) {
        MessageKind kind = this.appointment == null ? MessageKind.APPOINTMENT_BOOKED : MessageKind.APPOINTMENT_MOVED;
        this.appointment = appointment;
        tell(kind, now);
    }

    /**
     * Cancels the booking (by the patient or the screening service) and tells the
     * patient.
     */
    void cancelBooking(Instant now) {
        if (appointment != null) {
            tell(MessageKind.APPOINTMENT_CANCELLED, now);
        }
        this.appointment = null;
    }

    /** Closes an open invitation of a patient who died: nothing is booked or told. */
    void cancelForDeath(String reason, Caller by, Instant now) {
        appointment = null;
        moveTo(InvitationStatus.CANCELLED, by, "registration", reason, now);
    }

    void requestKit(LocalDate on) {
        this.kitRequestedOn = on;
    }

    /**
     * The screening system's result; an abnormal one refers the patient once the
     * invitation is saved.
     */
    void recordResult(Result result) {
        this.result = result;
        if (result.outcome() == Lifecycle.Outcome.ABNORMAL) {
            registerEvent(new ScreeningReferralRecorded(patientNhsNumber, programme, result.recordedOn()));
        }
    }

    public List<Lifecycle.Response> getAllowedResponses() {
        return Lifecycle.allowedResponses(programme, status, kitRequestedOn != null);
    }

    public String getId() {
        return id;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getPatientNhsNumber() {
        return patientNhsNumber;
    }

    public Programme getProgramme() {
        return programme;
    }

    public InvitationStatus getStatus() {
        return status;
    }

    public LocalDate getInvitedOn() {
        return invitedOn;
    }

    public LocalDate getRespondBy() {
        return respondBy;
    }

    public boolean isSelfReferral() {
        return selfReferral;
    }

    public Appointment getAppointment() {
        return appointment;
    }

    public LocalDate getKitRequestedOn() {
        return kitRequestedOn;
    }

    public Result getResult() {
        return result;
    }

    public List<StatusChange> getHistory() {
        return List.copyOf(history);
    }

    public List<MessageIntent> getOutbox() {
        return List.copyOf(outbox);
    }

    Long getRevision() {
        return revision;
    }

}
