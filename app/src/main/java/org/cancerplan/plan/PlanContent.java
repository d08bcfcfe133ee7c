package org.cancerplan.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.FollowUp;
import org.cancerplan.plan.PlanParts.Goal;
import org.cancerplan.plan.PlanParts.CareOffer;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanParts.NeedReporter;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.plan.PlanParts.TreatmentSummary;

/**
 * What a {@link CancerPlan} says: the diagnosis, the waiting-time pathway, treatments,
 * needs, goals, the care team, the end-of-treatment summary and follow-up. Stored in the
 * plan's own document, and changed only through the plan's write path
 * ({@link PlanChanges}).
 */
public abstract class PlanContent {

    private Diagnosis diagnosis;

    private Pathway pathway;

    private List<Treatment> treatments = new ArrayList<>();

    private List<Need> needs = new ArrayList<>();

    private List<Goal> goals = new ArrayList<>();

    private List<CareTeamMember> careTeam = new ArrayList<>();

    /** The organisations named in the care team, for access checks and reports. */
    private Set<String> careOrganisations = new LinkedHashSet<>();

    /**
     * The first release's free-text summary, kept readable (the schema deprecates it).
     */
    private String endOfTreatmentSummary;

    private TreatmentSummary treatmentSummary;

    private FollowUp followUp;

    private CareOffer careAndSupportPlan;

    PlanContent() {
    }

    void replaceCareTeam(List<CareTeamMember> members) {
        careTeam = new ArrayList<>(members);
        careOrganisations = new LinkedHashSet<>();
        members.stream()
            .map(CareTeamMember::organisation)
            .filter(o -> o != null && !o.isBlank())
            .forEach(careOrganisations::add);
    }

    void setDiagnosis(Diagnosis diagnosis) {
        this.diagnosis = diagnosis;
    }

    void setPathway(Pathway pathway) {
        this.pathway = pathway;
    }

    void setTreatments(List<Treatment> treatments) {
        this.treatments = new ArrayList<>(treatments);
    }

    /**
     * Staff replace the needs they record; those the patient reported stay (a staff need
     * that repeats one of them is that need, not a second one).
     */
    void replaceStaffNeeds(List<Need> staffNeeds) {
        List<Need> reported = needs.stream().filter(need -> need.reportedBy() == NeedReporter.PATIENT).toList();
        needs = new ArrayList<>(staffNeeds.stream()
            .filter(need -> reported.stream()
                .noneMatch(r -> r.domain() == need.domain() && r.concern().equals(need.concern())))
            .toList());
        needs.addAll(reported);
    }

    /** Adds the needs an assessment reported, once. */
    boolean addReportedNeeds(String assessmentId, List<Need> reported) {
        if (needs.stream().anyMatch(need -> assessmentId.equals(need.assessmentId()))) {
            return false;
        }
        needs.addAll(reported);
        return true;
    }

    void setGoals(List<Goal> goals) {
        this.goals = new ArrayList<>(goals);
    }

    void setEndOfTreatmentSummary(String summary) {
        this.endOfTreatmentSummary = summary;
    }

    void issueSummary(TreatmentSummary summary, FollowUp followUp) {
        this.treatmentSummary = summary;
        this.followUp = followUp;
    }

    void acknowledgeSummary(Instant at) {
        if (treatmentSummary != null && treatmentSummary.acknowledgedAt() == null) {
            treatmentSummary = treatmentSummary.acknowledged(at);
        }
    }

    boolean namesInCareTeam(String organisation) {
        return organisation != null && careOrganisations.contains(organisation);
    }

    public Diagnosis getDiagnosis() {
        return diagnosis;
    }

    public Pathway getPathway() {
        return pathway;
    }

    public List<Treatment> getTreatments() {
        return List.copyOf(treatments);
    }

    public List<Need> getNeeds() {
        return List.copyOf(needs);
    }

    public List<Goal> getGoals() {
        return List.copyOf(goals);
    }

    public List<CareTeamMember> getCareTeam() {
        return List.copyOf(careTeam);
    }

    public Set<String> getCareOrganisations() {
        return Set.copyOf(careOrganisations);
    }

    public String getEndOfTreatmentSummary() {
        return endOfTreatmentSummary;
    }

    public TreatmentSummary getTreatmentSummary() {
        return treatmentSummary;
    }

    /** The personalised care and support plan's offer, once recorded. */
    public CareOffer getCareAndSupportPlan() {
        return careAndSupportPlan;
    }

    void recordCareAndSupportPlan(CareOffer offer) {
        this.careAndSupportPlan = offer;
    }

    public FollowUp getFollowUp() {
        return followUp;
    }

}
