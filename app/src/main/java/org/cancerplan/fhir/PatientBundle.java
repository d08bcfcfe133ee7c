package org.cancerplan.fhir;

import static org.cancerplan.fhir.FhirValues.concept;
import static org.cancerplan.fhir.FhirValues.date;
import static org.cancerplan.fhir.FhirValues.dateTime;
import static org.cancerplan.fhir.FhirValues.organisation;
import static org.cancerplan.fhir.FhirValues.period;
import static org.cancerplan.fhir.FhirValues.words;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.assessment.AssessmentParts.AssessmentStatus;
import org.cancerplan.fhir.PatientFile.AskedAssessment;
import org.cancerplan.lead.NeighbourhoodLead;
import org.cancerplan.patient.Patient;
import org.cancerplan.plan.CancerPlan;
import org.cancerplan.plan.PlanParts;
import org.cancerplan.plan.PlanParts.Need;
import org.cancerplan.plan.PlanParts.Treatment;
import org.cancerplan.screening.ScreeningInvitation;
import org.cancerplan.task.Task;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds one patient's FHIR R4 Bundle (type {@code collection}) from what the service
 * holds.
 */
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
        Map<String, Reference> plans = new HashMap<>();
        for (CancerPlan plan : file.plans()) {
            plans.put(plan.getId(), builder.addPlan(plan, patient, file.leads()));
        }
        for (AskedAssessment asked : file.assessments()) {
            if (asked.assessment().getStatus() == AssessmentStatus.SUBMITTED) {
                builder.add(AfterTreatmentResources.response(asked, patient, plans.get(asked.assessment().getPlanId())),
                        "QuestionnaireResponse", asked.assessment().getId());
            }
        }
        for (Task task : file.tasks()) {
            builder.add(AfterTreatmentResources.task(task, patient, plans.get(task.getPlanId()), file.leads()), "Task",
                    task.getId());
        }
        for (ScreeningInvitation invitation : file.invitations()) {
            builder.addInvitation(invitation, patient);
        }
        builder.bundle
            .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
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

    private Reference addPlan(CancerPlan plan, Reference patient, Map<String, NeighbourhoodLead> leads) {
        Reference condition = add(PlanResources.condition(plan, patient), "Condition", plan.getId());
        CareTeam team = PlanResources.careTeam(plan, patient, leads);
        Reference careTeam = add(team, "CareTeam", plan.getId());
        CarePlan carePlan = new CarePlan();
        carePlan.setStatus(PlanResources.status(plan));
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
        for (PlanParts.Goal goal : plan.getGoals()) {
            Goal resource = PlanResources.goal(goal, patient, condition);
            carePlan.addGoal(add(resource, "Goal", plan.getId() + "/" + goal.id()));
        }
        for (Treatment treatment : plan.getTreatments()) {
            carePlan.addActivity().setDetail(PlanResources.activity(treatment));
        }
        for (Need need : plan.getNeeds()) {
            carePlan.addNote(new Annotation().setText("Need (" + words(need.domain().name()).toLowerCase()
                    + ", severity " + need.severity() + "): " + need.concern()));
        }
        if (plan.getEndOfTreatmentSummary() != null) {
            carePlan.addNote(new Annotation().setText("End of treatment summary: " + plan.getEndOfTreatmentSummary()));
        }
        carePlan.addIdentifier().setSystem(LOCAL_CODES + ":plan").setValue(plan.getId());
        Reference planReference = add(carePlan, "CarePlan", plan.getId());
        if (plan.getTreatmentSummary() != null) {
            add(SummaryComposition.of(plan, patient, planReference), "Composition", plan.getId());
        }
        return planReference;
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
        request.addPayload()
            .setContent(new StringType("Invitation to " + words(programme).toLowerCase() + " screening; respond by "
                    + invitation.getRespondBy()));
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
            appointment.addParticipant().setActor(patient).setStatus(Appointment.ParticipationStatus.ACCEPTED);
            add(appointment, "Appointment", invitation.getId());
        }
    }

    /**
     * Adds the resource with a stable id and a {@code urn:uuid} full URL, and returns a
     * reference to it.
     */
    private Reference add(Resource resource, String type, String key) {
        UUID id = UUID.nameUUIDFromBytes((type + "/" + key).getBytes(StandardCharsets.UTF_8));
        resource.setId(id.toString());
        String fullUrl = "urn:uuid:" + id;
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        return new Reference(fullUrl);
    }

}
