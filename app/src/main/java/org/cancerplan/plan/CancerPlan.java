package org.cancerplan.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.LeadAssignment;
import org.cancerplan.plan.PlanParts.LeadAssignmentRecord;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.PlanChange;
import org.cancerplan.plan.PlanParts.TreatmentSummary;
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
import org.springframework.data.mongodb.core.mapping.Sharded;
import org.springframework.data.mongodb.core.mapping.ShardingStrategy;

/**
 * A patient's personalised cancer plan: one document holding what the plan says
 * ({@link PlanContent}), its status, acknowledgement, lead and the history of its
 * changes, so every change is one atomic write. Its version starts at 1 and every change
 * adds one; a write based on an older version is refused (Spring Data's {@code @Version},
 * which counts from 0, is kept as {@code revision}).
 */
@Document(CancerPlan.COLLECTION)
@Sharded(shardKey = "patientNhsNumber", shardingStrategy = ShardingStrategy.HASH, immutableKey = true)
@CompoundIndexes({ @CompoundIndex(name = "patient_created", def = "{ 'patientNhsNumber': 1, 'createdAt': -1 }"),
        @CompoundIndex(name = "one_open_plan", def = "{ 'patientNhsNumber': 1, 'openSlot': 1 }", unique = true),
        @CompoundIndex(name = "organisation_referral",
                def = "{ 'careOrganisations': 1, 'pathway.referralReceivedOn': 1 }"),
        @CompoundIndex(name = "lead_caseload", def = "{ 'neighbourhoodLead.leadId': 1, '_id': 1 }") })
public class CancerPlan extends PlanContent {

    static final String COLLECTION = "cancerPlans";

    /** What messages about a plan are about. */
    static final String ABOUT = "PLAN";

    static final String OPEN = "OPEN";

    @Id
    private String id;

    private String patientNhsNumber;

    /**
     * {@value #OPEN} while the plan is open, else the plan's id: unique with the NHS
     * number, so a patient has one open plan (an index a sharded cluster allows, as it
     * starts with the shard key).
     */
    private String openSlot;

    private PlanStatus status;

    @Version
    private Long revision;

    private Instant acknowledgedAt;

    private Long acknowledgedVersion;

    private Instant activatedAt;

    private Instant createdAt;

    /** When it last changed: subscriptions learn of changes by it (StoreChanges). */
    @Indexed(name = "updated")
    private Instant updatedAt;

    private List<PlanChange> history = new ArrayList<>();

    private LeadAssignment neighbourhoodLead;

    private List<LeadAssignmentRecord> leadHistory = new ArrayList<>();

    /**
     * Whether a change is waiting for the save that publishes {@link CancerPlanChanged}.
     */
    @Transient
    private boolean changeToPublish;

    /** What else the change waiting to be saved tells other features. */
    @Transient
    private List<Object> eventsToPublish = new ArrayList<>();

    /** What the change being made tells the patient, stamped when it is recorded. */
    @Transient
    private Map<MessageKind, Map<String, String>> toTell = new LinkedHashMap<>();

    /** What to tell the patient about saved changes not yet turned into messages. */
    private List<MessageIntent> outbox = new ArrayList<>();

    @Indexed(name = "outbox_pending", sparse = true)
    private Boolean outboxPending;

    CancerPlan() {
    }

    static CancerPlan open(String patientNhsNumber, Diagnosis diagnosis, Pathway pathway, List<CareTeamMember> careTeam,
            Caller creator, Instant now) {
        CancerPlan plan = new CancerPlan();
        plan.patientNhsNumber = patientNhsNumber;
        plan.openSlot = OPEN;
        plan.status = PlanStatus.DRAFT;
        plan.setDiagnosis(diagnosis);
        plan.setPathway(pathway);
        plan.createdAt = now;
        plan.replaceCareTeam(careTeam);
        plan.updatedAt = now;
        plan.history.add(change(creator, now, 1, "Plan opened"));
        plan.changeToPublish = true;
        return plan;
    }

    /**
     * Records a change made by {@code actor} in the plan's history (the version it will
     * have once saved is the current one plus one); saving the plan then publishes
     * {@link CancerPlanChanged}.
     */
    void changed(Caller actor, Instant now, String summary) {
        updatedAt = now;
        history.add(change(actor, now, getVersion() + 1, summary));
        changeToPublish = true;
        if (toTell.containsKey(MessageKind.PLAN_SHARED)) {
            toTell.keySet().retainAll(EnumSet.of(MessageKind.PLAN_SHARED, MessageKind.LEAD_ASSIGNED));
        }
        toTell.forEach((kind, fields) -> outbox
            .add(new MessageIntent(kind + "@v" + (getVersion() + 1), kind, patientNhsNumber, ABOUT, id, now, fields)));
        if (!toTell.isEmpty()) {
            outboxPending = true;
            eventsToPublish.add(new MessageIntent.Written(COLLECTION));
        }
        toTell.clear();
    }

    /**
     * Tells the patient about the change being made, once the plan is theirs to see: the
     * first time it is shown, and changes to its treatments, care team, lead or summary
     * (a plan shown for the first time says nothing else).
     */
    void tellPatient(MessageKind kind, Map<String, String> fields) {
        if (visibleToPatient()) {
            toTell.put(kind, fields);
        }
    }

    /**
     * Called by the repository after a save: the event of the change just saved, with the
     * plan's id and version.
     */
    @DomainEvents
    List<Object> changesToPublish() {
        if (!changeToPublish) {
            return List.of();
        }
        List<Object> events = new ArrayList<>();
        events.add(new CancerPlanChanged(patientNhsNumber, id, getVersion()));
        events.addAll(eventsToPublish);
        return events;
    }

    @AfterDomainEventPublication
    void changesPublished() {
        changeToPublish = false;
        eventsToPublish.clear();
    }

    private static PlanChange change(Caller actor, Instant at, long version, String summary) {
        return new PlanChange(at, version, actor.kind(), actor.name(), actor.organisation(), summary);
    }

    void moveTo(PlanStatus next, Instant now) {
        status = next;
        openSlot = next.isOpen() ? OPEN : id;
        if (next == PlanStatus.ACTIVE && activatedAt == null) {
            activatedAt = now;
            eventsToPublish.add(new PlanActivated(id, patientNhsNumber));
            tellPatient(MessageKind.PLAN_SHARED, Map.of());
        }
    }

    /** Names a new lead: the current assignment ends today and joins the history. */
    void assignLead(LeadTarget lead, String reason, Caller by, LocalDate today) {
        String fromLeadId = neighbourhoodLead == null ? null : neighbourhoodLead.leadId();
        tellPatient(fromLeadId == null ? MessageKind.LEAD_ASSIGNED : MessageKind.LEAD_CHANGED,
                lead.name() == null ? Map.of() : Map.of("leadName", lead.name()));
        eventsToPublish.add(new PlanLeadChanged(id, patientNhsNumber, fromLeadId, lead.leadId(), lead.staffId(), by));
        if (neighbourhoodLead != null) {
            leadHistory.replaceAll(record -> record.to() == null && record.leadId().equals(neighbourhoodLead.leadId())
                    ? new LeadAssignmentRecord(record.leadId(), record.from(), today, record.reason(),
                            record.assignedBy())
                    : record);
        }
        neighbourhoodLead = new LeadAssignment(lead.leadId(), lead.staffId(), today, reason, by.name());
        leadHistory.add(new LeadAssignmentRecord(lead.leadId(), today, null, reason, by.name()));
    }

    /** Issues the summary and follow-up; the save tells whether a lead is named. */
    void issueSummary(TreatmentSummary summary, FollowUp followUp, Caller by) {
        issueSummary(summary, followUp);
        tellPatient(MessageKind.TREATMENT_SUMMARY_ISSUED, Map.of());
        eventsToPublish.add(new TreatmentSummaryIssued(id, patientNhsNumber,
                neighbourhoodLead == null ? null : neighbourhoodLead.leadId(), by.organisation(), by));
    }

    boolean isLead(Caller caller) {
        return neighbourhoodLead != null && neighbourhoodLead.leadStaffId() != null && caller != null
                && neighbourhoodLead.leadStaffId().equals(caller.subject());
    }

    /** The patient has read this version, and the treatment summary it carries. */
    void acknowledge(long acknowledgedVersion, Instant now) {
        this.acknowledgedVersion = acknowledgedVersion;
        this.acknowledgedAt = now;
        acknowledgeSummary(now);
    }

    /**
     * Whether the patient may ask for follow-up on {@code today}: patient-initiated
     * follow-up within its window, on a plan not revoked.
     */
    public boolean canRequestFollowUp(LocalDate today) {
        return getFollowUp() != null && status != PlanStatus.REVOKED && getFollowUp().allowsRequestOn(today);
    }

    /** Whether the patient may see it: only plans that have been active. */
    boolean visibleToPatient() {
        return activatedAt != null;
    }

    public String getId() {
        return id;
    }

    public String getPatientNhsNumber() {
        return patientNhsNumber;
    }

    public PlanStatus getStatus() {
        return status;
    }

    public Long getVersion() {
        return revision == null ? 1L : revision + 1;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public Long getAcknowledgedVersion() {
        return acknowledgedVersion;
    }

    public Instant getActivatedAt() {
        return activatedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<PlanChange> getHistory() {
        return List.copyOf(history);
    }

    public LeadAssignment getNeighbourhoodLead() {
        return neighbourhoodLead;
    }

    public List<LeadAssignmentRecord> getLeadHistory() {
        return List.copyOf(leadHistory);
    }

}
