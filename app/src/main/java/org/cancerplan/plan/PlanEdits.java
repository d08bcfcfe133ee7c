package org.cancerplan.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.CreateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.RecordPathwayEventInput;
import org.cancerplan.plan.PlanInputs.UpdateCancerPlanInput;
import org.cancerplan.plan.PlanInputs.RecordCareAndSupportPlanInput;
import org.cancerplan.plan.PlanParts.CareOffer;
import org.cancerplan.plan.PlanParts.CareOfferStatus;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.LeadTarget;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.security.Caller;
import org.cancerplan.shared.MessageKind;
import org.cancerplan.shared.UserError;
import org.springframework.stereotype.Component;

/**
 * What each change does to a plan, once its caller may make it: the input checked against
 * {@link PlanRules}, the plan changed, and the change named in its history. Each returns
 * the errors that leave the plan unchanged.
 */
@Component
class PlanEdits {

    private final CancerTypes cancerTypes;

    private final Clock clock;

    PlanEdits(CancerTypes cancerTypes, Clock clock) {
        this.cancerTypes = cancerTypes;
        this.clock = clock;
    }

    /**
     * A new plan (DRAFT) as the input describes it, not yet saved; the creator's
     * organisation joins the care team. {@code pendingReferral} gives the date of a
     * screening referral waiting for the patient's first plan.
     */
    CancerPlanPayload opened(Caller caller, CreateCancerPlanInput input, Optional<LocalDate> pendingReferral) {
        String cmid = input.clientMutationId();
        PlanRules rules = rules();
        Diagnosis diagnosis = rules.diagnosis(input.diagnosis(), "diagnosis");
        List<CareTeamMember> careTeam = new ArrayList<>(rules.careTeam(input.careTeam(), "careTeam"));
        LocalDate referred = input.referralReceivedOn() != null ? input.referralReceivedOn()
                : pendingReferral.orElse(null);
        Pathway pathway = referred == null ? Pathway.NONE
                : rules.pathway(Pathway.NONE, Pathway.PathwayEvent.REFERRAL_RECEIVED, referred, "referralReceivedOn");
        if (!rules.ok()) {
            return CancerPlanPayload.failed(rules.errors(), cmid);
        }
        if (caller.organisation() != null
                && careTeam.stream().noneMatch(m -> caller.organisation().equals(m.organisation()))) {
            careTeam.add(0, new CareTeamMember("Plan author", caller.name(), caller.organisation(), null));
        }
        return CancerPlanPayload.of(
                CancerPlan.open(input.nhsNumber().value(), diagnosis, pathway, careTeam, caller, clock.instant()),
                cmid);
    }

    /**
     * Status, diagnosis, needs, goals, treatments, care team or summary: what the input
     * names.
     */
    List<UserError> update(CancerPlan plan, Caller caller, UpdateCancerPlanInput input) {
        PlanRules rules = rules();
        List<String> summary = new ArrayList<>();
        if (input.status() != null && input.status() != plan.getStatus()) {
            if (!plan.getStatus().canBecome(input.status())) {
                return List.of(UserError.of("INVALID_TRANSITION", "status",
                        "A " + plan.getStatus() + " plan cannot become " + input.status()));
            }
            summary.add("status " + plan.getStatus() + " -> " + input.status());
            plan.moveTo(input.status(), clock.instant());
        }
        if (input.diagnosis() != null) {
            plan.setDiagnosis(rules.diagnosis(input.diagnosis(), "diagnosis"));
            summary.add("diagnosis");
        }
        if (input.needs() != null) {
            plan.replaceStaffNeeds(rules.needs(input.needs(), "needs"));
            summary.add("needs (" + input.needs().size() + ")");
        }
        if (input.goals() != null) {
            plan.setGoals(rules.goals(input.goals(), "goals"));
            summary.add("goals (" + input.goals().size() + ")");
        }
        if (input.treatments() != null) {
            List<Treatment> treatments = rules.treatments(input.treatments(), "treatments");
            if (!withoutIds(treatments).equals(withoutIds(plan.getTreatments()))) {
                plan.tellPatient(MessageKind.PLAN_TREATMENTS_CHANGED, Map.of());
            }
            plan.setTreatments(treatments);
            summary.add("treatments (" + input.treatments().size() + ")");
        }
        if (input.careTeam() != null) {
            List<CareTeamMember> careTeam = rules.careTeam(input.careTeam(), "careTeam");
            if (!careTeam.equals(plan.getCareTeam())) {
                plan.tellPatient(MessageKind.PLAN_CARE_TEAM_CHANGED, Map.of());
            }
            plan.replaceCareTeam(careTeam);
            summary.add("care team (" + input.careTeam().size() + ")");
        }
        if (input.endOfTreatmentSummary() != null) {
            rules.summary(input.endOfTreatmentSummary(), "endOfTreatmentSummary");
            plan.setEndOfTreatmentSummary(input.endOfTreatmentSummary());
            summary.add("end-of-treatment summary");
        }
        if (!rules.ok()) {
            return rules.errors();
        }
        plan.changed(caller, clock.instant(),
                summary.isEmpty() ? "no change" : "Changed " + String.join(", ", summary));
        return List.of();
    }

    /** What the patient is told changed: the treatments, whatever ids a client sent. */
    private static List<List<Object>> withoutIds(List<Treatment> treatments) {
        return treatments.stream()
            .map(t -> Arrays.<Object>asList(t.modality(), t.intent(), t.status(), t.startDate(), t.endDate(),
                    t.providerOrganisation()))
            .toList();
    }

    /** A waiting-times milestone; the standards' status follows from the dates. */
    List<UserError> recordPathwayEvent(CancerPlan plan, Caller caller, RecordPathwayEventInput input) {
        if (!plan.getStatus().isOpen()) {
            return List.of(UserError.of("PLAN_CLOSED", "planId", "The plan is " + plan.getStatus()));
        }
        if (input.event() == null) {
            return List.of(UserError.of("REQUIRED", "event", "The milestone is required"));
        }
        PlanRules rules = rules();
        Pathway pathway = rules.pathway(plan.getPathway(), input.event(), input.on(), "on");
        if (!rules.ok()) {
            return rules.errors();
        }
        plan.setPathway(pathway);
        plan.changed(caller, clock.instant(), "Recorded " + input.event() + " on " + input.on());
        return List.of();
    }

    /** The referral date a screening programme gives an open plan that has none yet. */
    List<UserError> referred(CancerPlan plan, Caller service, String programme, LocalDate on) {
        if (plan.getPathway().referralReceivedOn() != null) {
            return List.of(UserError.of("ALREADY_REFERRED", "referralReceivedOn", "The plan has a referral date"));
        }
        plan.setPathway(plan.getPathway().with(Pathway.PathwayEvent.REFERRAL_RECEIVED, on));
        plan.changed(service, clock.instant(), "Referral received from " + programme + " screening on " + on);
        return List.of();
    }

    /** The patient confirms they have read the version they were shown. */
    List<UserError> acknowledged(CancerPlan plan, Caller patient) {
        plan.acknowledge(plan.getVersion(), clock.instant());
        plan.changed(patient, clock.instant(), "Acknowledged version " + plan.getVersion() + " by the patient");
        return List.of();
    }

    /** Names the plan's neighbourhood lead. */
    List<UserError> leadAssigned(CancerPlan plan, Caller caller, LeadTarget lead, String reason) {
        if (plan.getStatus() == PlanStatus.REVOKED) {
            return List.of(UserError.of("PLAN_CLOSED", "planId", "The plan is revoked"));
        }
        if (plan.getNeighbourhoodLead() != null && plan.getNeighbourhoodLead().leadId().equals(lead.leadId())) {
            return List.of(UserError.of("ALREADY_ASSIGNED", "leadId", "This lead is already the plan's lead"));
        }
        plan.assignLead(lead, reason, caller, today());
        plan.changed(caller, clock.instant(),
                "Neighbourhood lead assigned: " + lead.leadId() + (reason == null ? "" : " (" + reason + ")"));
        return List.of();
    }

    /**
     * One plan of a caseload handed over to another lead, while it is still the old
     * lead's.
     */
    List<UserError> handedOver(CancerPlan plan, Caller caller, String fromLeadId, LeadTarget to, String reason) {
        if (plan.getNeighbourhoodLead() == null || !plan.getNeighbourhoodLead().leadId().equals(fromLeadId)) {
            return List.of(UserError.of("NOT_THE_LEADS", "planId", "The plan is no longer the old lead's"));
        }
        plan.assignLead(to, reason, caller, today());
        plan.changed(caller, clock.instant(), "Caseload handed over from lead " + fromLeadId + " to " + to.leadId());
        return List.of();
    }

    /**
     * Where the offer of a personalised care and support plan stands: offered on a day
     * (not in the future), and accepted or declined on a day from then on.
     */
    List<UserError> careAndSupportPlan(CancerPlan plan, Caller caller, RecordCareAndSupportPlanInput input) {
        PlanRules rules = rules();
        if (input.offeredOn() == null) {
            rules.error(UserError.of("REQUIRED", "offeredOn", "When was it offered?"));
        }
        rules.notFuture(input.offeredOn(), "offeredOn");
        rules.notFuture(input.respondedOn(), "respondedOn");
        if (input.status() == CareOfferStatus.OFFERED && input.respondedOn() != null) {
            rules.error(UserError.of("NOT_APPLICABLE", "respondedOn", "An offer not yet answered has no answer date"));
        }
        if (input.status() != CareOfferStatus.OFFERED && input.respondedOn() == null) {
            rules.error(UserError.of("REQUIRED", "respondedOn", "When did the patient "
                    + (input.status() == CareOfferStatus.ACCEPTED ? "accept" : "decline") + " it?"));
        }
        if (input.offeredOn() != null && input.respondedOn() != null
                && input.respondedOn().isBefore(input.offeredOn())) {
            rules.error(UserError.of("DATE_ORDER", "respondedOn", "The answer comes on or after the offer"));
        }
        if (!rules.ok()) {
            return rules.errors();
        }
        plan.recordCareAndSupportPlan(
                new CareOffer(input.status(), input.offeredOn(), input.respondedOn(), caller.name()));
        plan.changed(caller, clock.instant(),
                "Personalised care and support plan " + input.status().name().toLowerCase());
        return List.of();
    }

    /** Needs the patient reported in an assessment, added once. */
    List<UserError> reportedNeeds(CancerPlan plan, Caller caller, String assessmentId, List<Need> needs) {
        if (needs.isEmpty() || !plan.addReportedNeeds(assessmentId, needs)) {
            return List.of(UserError.of("NO_CHANGE", "needs", "Nothing to add"));
        }
        plan.changed(caller, clock.instant(), "Needs reported by the patient in an assessment: " + needs.size());
        return List.of();
    }

    private PlanRules rules() {
        return new PlanRules(cancerTypes, today());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

}
