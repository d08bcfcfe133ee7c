package org.cancerplan.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts.CareTeamMember;
import org.cancerplan.plan.PlanParts.Diagnosis;
import org.cancerplan.plan.PlanParts.LeadAssignmentRecord;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.screening.ScreeningInvitation;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Builds one patient's FHIR R4 Bundle (type {@code collection}) from what the service holds. */
final class PatientBundle {

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";
    /** The service's own codes (care-team roles, screening programmes, need domains). */
    static final String LOCAL_CODES = "urn:cancerplan:codes";
    static final String LEAD_ROLE = "neighbourhood-cancer-lead";

    private final Bundle bundle = new Bundle();

    private PatientBundle() {
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(new Date());
    }

    static Bundle of(PatientFile file) {
        PatientBundle builder = new PatientBundle();
        Reference patient = builder.add(patient(file.patient()), "Patient", file.patient().nhsNumber());
        for (CancerPlan plan : file.plans()) {
            builder.addPlan(plan, patient, file.leads());
        }
        for (ScreeningInvitation invitation : file.invitations()) {
            builder.addInvitation(invitation, patient);
        }
        builder.bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986")
                .setValue("urn:uuid:" + UUID.randomUUID()));
        return builder.bundle;
    }

    private static org.hl7.fhir.r4.model.Patient patient(Patient held) {
        org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
        patient.addIdentifier().setSystem(NHS_NUMBER_SYSTEM).setValue(held.nhsNumber());
        patient.addName().setFamily(held.familyName()).addGiven(held.givenName());
        patient.setBirthDateElement(date(held.dateOfBirth()));
        if (held.postcode() != null) {
            patient.addAddress().setPostalCode(held.postcode());
        }
        if (held.gpPracticeCode() != null) {
            patient.addGeneralPractitioner(organisation(held.gpPracticeCode()));
        }
        return patient;
    }

    private void addPlan(CancerPlan plan, Reference patient, Map<String, NeighbourhoodLead> leads) {
        Reference condition = add(condition(plan, patient), "Condition", plan.getId());
        CareTeam team = careTeam(plan, patient, leads);
        Reference careTeam = add(team, "CareTeam", plan.getId());
        CarePlan carePlan = new CarePlan();
        carePlan.setStatus(status(plan));
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setTitle("Personalised cancer plan");
        carePlan.setSubject(patient);
        carePlan.addAddresses(condition);
        carePlan.addCareTeam(careTeam);
        carePlan.setCreatedElement(dateTime(plan.getCreatedAt()));
        if (plan.getActivatedAt() != null) {
            carePlan.setPeriod(new Period().setStartElement(dateTime(plan.getActivatedAt())));
        }
        if (plan.getVersion() != null) {
            carePlan.getMeta().setVersionId(plan.getVersion().toString());
        }
        for (org.cancerplan.plan.PlanParts.Goal goal : plan.getGoals()) {
            carePlan.addGoal(add(goal(goal, patient, condition), "Goal", plan.getId() + "/" + goal.id()));
        }
        for (Treatment treatment : plan.getTreatments()) {
            carePlan.addActivity().setDetail(activity(treatment));
        }
        for (Need need : plan.getNeeds()) {
            carePlan.addNote(new Annotation().setText("Need (" + words(need.domain().name()).toLowerCase()
                    + ", severity " + need.severity() + "): " + need.concern()));
        }
        if (plan.getEndOfTreatmentSummary() != null) {
            carePlan.addNote(new Annotation().setText("End of treatment summary: " + plan.getEndOfTreatmentSummary()));
        }
        carePlan.addIdentifier().setSystem(LOCAL_CODES + ":plan").setValue(plan.getId());
        add(carePlan, "CarePlan", plan.getId());
    }

    private static Condition condition(CancerPlan plan, Reference patient) {
        Diagnosis diagnosis = plan.getDiagnosis();
        Condition condition = new Condition();
        condition.setSubject(patient);
        condition.setCode(new CodeableConcept(new Coding(ICD10_SYSTEM, diagnosis.cancerType().code(),
                diagnosis.cancerType().display())).setText(diagnosis.cancerType().display()));
        condition.addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category",
                "problem-list-item", "Problem List Item"));
        condition.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed", "Confirmed"));
        if (plan.getStatus().isOpen()) {
            condition.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "active", "Active"));
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

    private static CareTeam careTeam(CancerPlan plan, Reference patient, Map<String, NeighbourhoodLead> leads) {
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
            participant.addRole(concept(LOCAL_CODES + ":care-team-role", LEAD_ROLE, "Neighbourhood cancer lead"));
            participant.setMember(new Reference().setIdentifier(new Identifier().setSystem(LOCAL_CODES + ":lead")
                    .setValue(record.leadId())).setDisplay(lead == null ? null : lead.name()));
            if (lead != null && lead.organisation() != null) {
                participant.setOnBehalfOf(organisation(lead.organisation()));
            }
            participant.setPeriod(period(record.from(), record.to()));
        }
        return team;
    }

    private static Goal goal(org.cancerplan.plan.PlanParts.Goal held, Reference patient, Reference condition) {
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
        if (held.status() == org.cancerplan.plan.PlanParts.GoalStatus.ACHIEVED) {
            goal.setAchievementStatus(concept("http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved",
                    "Achieved"));
        }
        if (held.dueDate() != null) {
            goal.addTarget().setDue(date(held.dueDate()));
        }
        return goal;
    }

    private static CarePlan.CarePlanActivityDetailComponent activity(Treatment treatment) {
        CarePlan.CarePlanActivityDetailComponent detail = new CarePlan.CarePlanActivityDetailComponent();
        detail.setCode(concept(LOCAL_CODES + ":treatment-modality", treatment.modality().name(),
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

    private void addInvitation(ScreeningInvitation invitation, Reference patient) {
        String programme = invitation.getProgramme().name();
        CodeableConcept screening = concept(LOCAL_CODES + ":screening-programme", programme,
                words(programme) + " screening");
        CommunicationRequest request = new CommunicationRequest();
        request.addIdentifier().setSystem(LOCAL_CODES + ":screening-invitation").setValue(invitation.getExternalId());
        request.setSubject(patient);
        request.addRecipient(patient);
        request.addCategory(screening);
        request.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(
                "Invitation to " + words(programme).toLowerCase() + " screening; respond by " + invitation.getRespondBy()));
        request.setAuthoredOnElement(dateTime(invitation.getInvitedOn()));
        request.setOccurrence(period(invitation.getInvitedOn(), invitation.getRespondBy()));
        request.setStatus(switch (invitation.getStatus()) {
            case INVITED, REMINDED -> CommunicationRequest.CommunicationRequestStatus.ACTIVE;
            case EXPIRED, CANCELLED, CEASED -> CommunicationRequest.CommunicationRequestStatus.REVOKED;
            default -> CommunicationRequest.CommunicationRequestStatus.COMPLETED;
        });
        request.addNote().setText("Invitation status: " + words(invitation.getStatus().name()));
        Reference requestReference = add(request, "CommunicationRequest", invitation.getId());
        if (invitation.getAppointment() != null) {
            Appointment appointment = new Appointment();
            appointment.setStatus(switch (invitation.getStatus()) {
                case BOOKED -> Appointment.AppointmentStatus.BOOKED;
                case ATTENDED, RESULT_NORMAL, RESULT_ABNORMAL -> Appointment.AppointmentStatus.FULFILLED;
                case DID_NOT_ATTEND -> Appointment.AppointmentStatus.NOSHOW;
                default -> Appointment.AppointmentStatus.CANCELLED;
            });
            appointment.addServiceType(screening.copy());
            appointment.setDescription(words(programme) + " screening at " + invitation.getAppointment().location());
            appointment.setStart(Date.from(invitation.getAppointment().at()));
            appointment.addBasedOn(requestReference);
            appointment.addParticipant().setActor(patient)
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
            add(appointment, "Appointment", invitation.getId());
        }
    }

    /** Adds the resource with a stable id and a {@code urn:uuid} full URL, and returns a reference to it. */
    private Reference add(Resource resource, String type, String key) {
        UUID id = UUID.nameUUIDFromBytes((type + "/" + key).getBytes(StandardCharsets.UTF_8));
        resource.setId(id.toString());
        String fullUrl = "urn:uuid:" + id;
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        return new Reference(fullUrl);
    }

    private static CarePlan.CarePlanStatus status(CancerPlan plan) {
        return switch (plan.getStatus()) {
            case DRAFT -> CarePlan.CarePlanStatus.DRAFT;
            case ACTIVE -> CarePlan.CarePlanStatus.ACTIVE;
            case ON_HOLD -> CarePlan.CarePlanStatus.ONHOLD;
            case COMPLETED -> CarePlan.CarePlanStatus.COMPLETED;
            case REVOKED -> CarePlan.CarePlanStatus.REVOKED;
        };
    }

    private static Reference organisation(String odsCode) {
        return new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(ODS_SYSTEM).setValue(odsCode));
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    private static String words(String constant) {
        String text = constant.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** From a day to a day; either may be open. */
    private static Period period(LocalDate from, LocalDate to) {
        return new Period().setStartElement(dateTime(from)).setEndElement(dateTime(to));
    }

    private static DateType date(LocalDate date) {
        return date == null ? null : new DateType(date.toString());
    }

    private static DateTimeType dateTime(LocalDate date) {
        return date == null ? null : new DateTimeType(date.toString());
    }

    private static DateTimeType dateTime(Instant instant) {
        return instant == null ? null : new DateTimeType(instant.toString());
    }
}
