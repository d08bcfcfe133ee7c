package org.cancerplan.fhir;

import static org.cancerplan.fhir.FhirValues.concept;
import static org.cancerplan.fhir.FhirValues.date;
import static org.cancerplan.fhir.FhirValues.dateTime;
import static org.cancerplan.fhir.FhirValues.organisation;
import static org.cancerplan.fhir.FhirValues.period;
import static org.cancerplan.fhir.FhirValues.words;

import java.util.Map;

import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.LeadAssignmentRecord;
import org.cancerplan.plan.PlanParts.Treatment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The FHIR resources of one cancer plan's parts: its condition, care team, goals,
 * activities and status.
 */
final class PlanResources {

    private PlanResources() {
    }

    static Condition condition(CancerPlan plan, Reference patient) {
        Diagnosis diagnosis = plan.getDiagnosis();
        Condition condition = new Condition();
        condition.setSubject(patient);
        condition.setCode(new CodeableConcept(
                new Coding(PatientBundle.ICD10_SYSTEM, diagnosis.cancerType().code(), diagnosis.cancerType().display()))
            .setText(diagnosis.cancerType().display()));
        condition.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item",
                "Problem List Item"));
        condition.setVerificationStatus(
                concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
        if (plan.getStatus().isOpen()) {
            condition.setClinicalStatus(
                    concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        }
        if (diagnosis.stage() != null) {
            condition.addStage().setSummary(new CodeableConcept().setText(diagnosis.stage()));
        }
        if (diagnosis.diagnosedOn() != null) {
            condition.setOnset(dateTime(diagnosis.diagnosedOn()));
        }
        if (diagnosis.rareCancer()) {
            condition.addNote().setText("Rare cancer");
        }
        return condition;
    }

    static CareTeam careTeam(CancerPlan plan, Reference patient, Map<String, NeighbourhoodLead> leads) {
        CareTeam team = new CareTeam();
        team.setStatus(plan.getStatus().isOpen() ? CareTeam.CareTeamStatus.ACTIVE : CareTeam.CareTeamStatus.INACTIVE);
        team.setName("Cancer care team");
        team.setSubject(patient);
        for (String organisation : plan.getCareOrganisations()) {
            team.addManagingOrganization(organisation(organisation));
        }
        for (CareTeamMember member : plan.getCareTeam()) {
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
            participant.addRole(new CodeableConcept().setText(member.role()));
            participant.setMember(new Reference().setDisplay(member.name()));
            if (member.organisation() != null) {
                participant.setOnBehalfOf(organisation(member.organisation()));
            }
        }
        for (LeadAssignmentRecord record : plan.getLeadHistory()) {
            NeighbourhoodLead lead = leads.get(record.leadId());
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
            participant.addRole(concept(PatientBundle.LOCAL_CODES + ":care-team-role", PatientBundle.LEAD_ROLE,
                    "Neighbourhood cancer lead"));
            participant.setMember(new Reference()
                .setIdentifier(
                        new Identifier().setSystem(PatientBundle.LOCAL_CODES + ":lead").setValue(record.leadId()))
                .setDisplay(lead == null ? null : lead.name()));
            if (lead != null && lead.organisation() != null) {
                participant.setOnBehalfOf(organisation(lead.organisation()));
            }
            participant.setPeriod(period(record.from(), record.to()));
        }
        return team;
    }

    static Goal goal(PlanParts.Goal held, Reference patient, Reference condition) {
        Goal goal = new Goal();
        goal.setSubject(patient);
        goal.setDescription(new CodeableConcept().setText(held.description()));
        goal.addAddresses(condition);
        goal.setLifecycleStatus(switch (held.status()) {
            case PROPOSED -> Goal.GoalLifecycleStatus.PROPOSED;
            case ACTIVE -> Goal.GoalLifecycleStatus.ACTIVE;
            case ACHIEVED -> Goal.GoalLifecycleStatus.COMPLETED;
            case CANCELLED -> Goal.GoalLifecycleStatus.CANCELLED;
        });
        if (held.status() == PlanParts.GoalStatus.ACHIEVED) {
            goal.setAchievementStatus(
                    concept("http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved", "Achieved"));
        }
        if (held.dueDate() != null) {
            goal.addTarget().setDue(date(held.dueDate()));
        }
        return goal;
    }

    static CarePlan.CarePlanActivityDetailComponent activity(Treatment treatment) {
        CarePlan.CarePlanActivityDetailComponent detail = new CarePlan.CarePlanActivityDetailComponent();
        detail.setCode(concept(PatientBundle.LOCAL_CODES + ":treatment-modality", treatment.modality().name(),
                words(treatment.modality().name())));
        if (treatment.intent() != null) {
            detail.setDescription("Intent: " + words(treatment.intent().name()));
        }
        detail.setStatus(switch (treatment.status()) {
            case PLANNED -> CarePlan.CarePlanActivityStatus.SCHEDULED;
            case IN_PROGRESS -> CarePlan.CarePlanActivityStatus.INPROGRESS;
            case COMPLETED -> CarePlan.CarePlanActivityStatus.COMPLETED;
            case STOPPED -> CarePlan.CarePlanActivityStatus.STOPPED;
        });
        if (treatment.startDate() != null || treatment.endDate() != null) {
            detail.setScheduled(period(treatment.startDate(), treatment.endDate()));
        }
        if (treatment.providerOrganisation() != null) {
            detail.addPerformer(organisation(treatment.providerOrganisation()));
        }
        return detail;
    }

    static CarePlan.CarePlanStatus status(CancerPlan plan) {
        return switch (plan.getStatus()) {
            case DRAFT -> CarePlan.CarePlanStatus.DRAFT;
            case ACTIVE -> CarePlan.CarePlanStatus.ACTIVE;
            case ON_HOLD -> CarePlan.CarePlanStatus.ONHOLD;
            case COMPLETED -> CarePlan.CarePlanStatus.COMPLETED;
            case REVOKED -> CarePlan.CarePlanStatus.REVOKED;
        };
    }

}
