package org.cancerplan.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
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
@Document("screeningInvitations")
@Sharded(shardKey = "patientNhsNumber", shardingStrategy = ShardingStrategy.HASH, immutableKey = true)
@CompoundIndexes({
        @CompoundIndex(name = "patient_invited", def = "{ 'patientNhsNumber': 1, 'invitedOn': -1, '_id': 1 }"),
        @CompoundIndex(name = "patient_external_id", def = "{ 'patientNhsNumber': 1, 'externalId': 1 }", unique = true),
        @CompoundIndex(name = "external_id", def = "{ 'externalId': 1 }"),
        @CompoundIndex(name = "uptake", def = "{ 'programme': 1, 'invitedOn': 1 }"),
        @CompoundIndex(name = "status_invited", def = "{ 'status': 1, 'invitedOn': 1 }"),
        @CompoundIndex(name = "status_respond_by", def = "{ 'status': 1, 'respondBy': 1 }") })
public class ScreeningInvitation extends AbstractAggregateRoot<ScreeningInvitation> {

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

    @Version
    private Long revision;

    public record Appointment(Instant at, String location) {
    }

    public record Result(Lifecycle.Outcome outcome, LocalDate recordedOn) {
    }

    /** One change of status: to what, when, by whom and through which channel. */
    public record StatusChange(InvitationStatus status, Instant at, CallerKind byKind, String by, String channel) {
    }

    ScreeningInvitation() {
    }

    static ScreeningInvitation issue(String externalId, String nhsNumber, Programme programme, LocalDate invitedOn,
            LocalDate respondBy, boolean selfReferral, String lsoaCode, Caller by, Instant now) {
        ScreeningInvitation invitation = new ScreeningInvitation();
        invitation.externalId = externalId;
        invitation.patientNhsNumber = nhsNumber;
        invitation.programme = programme;
        invitation.invitedOn = invitedOn;
        invitation.respondBy = respondBy;
        invitation.selfReferral = selfReferral;
        invitation.lsoaCode = lsoaCode;
        invitation.moveTo(InvitationStatus.INVITED, by, "integration", now);
        return invitation;
    }

    void moveTo(InvitationStatus next, Caller by, String channel, Instant now) {
        status = next;
        history.add(new StatusChange(next, now, by.kind(), by.name(), channel));
    }

    void book(Appointment appointment) {
        this.appointment = appointment;
    }

    void cancelBooking() {
        this.appointment = null;
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

    Long getRevision() {
        return revision;
    }

}
