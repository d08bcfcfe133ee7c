package org.cancerplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * A patient with a plan, a lead and a booked screening appointment, exported and read
 * back with HAPI FHIR.
 */
class FhirExportTest extends ApiTest {

    private static final String EXPORTER = IdentityProviders.integrationToken("fhir:read");

    private static final String QUERY = "query Export($n: NhsNumber!) { patientFhirBundle(nhsNumber: $n) }";

    private static final String ADMIN = IdentityProviders.staffToken("Service Admin", "Y01234", "R8013");

    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write");

    private static final IParser PARSER = FhirContext.forR4Cached()
        .newJsonParser()
        .setParserErrorHandler(new StrictErrorHandler());

    private final String careTeam = IdentityProviders.staffToken("Dr Fhir", "R1H", "R8000");

    private String nhsNumber;

    private String leadId;

    private String planId;

    @BeforeEach
    void patientWithPlanLeadAndAppointment() {
        nhsNumber = TestNhsNumbers.next();
        as(FEED).documentName("integration/RegisterPatients")
            .variable("input",
                    Map.of("patients",
                            List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Ffion", "familyName", "Hughes",
                                    "dateOfBirth", "1958-03-09", "postcode", "CF10 1AA", "gpPracticeCode", "W97001"))))
            .executeAndVerify();
        Map<String, Object> create = input("staff/CreatePlan");
        create.put("nhsNumber", nhsNumber);
        create.remove("clientMutationId");
        planId = as(careTeam).documentName("staff/CreatePlan")
            .variable("input", create)
            .execute()
            .errors()
            .verify()
            .path("createCancerPlan.plan.id")
            .entity(String.class)
            .get();
        Map<String, Object> update = input("staff/UpdatePlan");
        update.put("planId", planId);
        as(careTeam).documentName("staff/UpdatePlan").variable("input", update).executeAndVerify();
        Map<String, Object> lead = input("staff/RegisterLead");
        lead.put("name", "Lowri Evans");
        lead.put("staffId", "staff-" + UUID.randomUUID());
        leadId = as(ADMIN).documentName("staff/RegisterLead")
            .variable("input", lead)
            .execute()
            .errors()
            .verify()
            .path("registerNeighbourhoodLead.lead.id")
            .entity(String.class)
            .get();
        Map<String, Object> assign = input("staff/AssignLead");
        assign.putAll(Map.of("planId", planId, "expectedVersion", 2, "leadId", leadId));
        as(careTeam).documentName("staff/AssignLead")
            .variable("input", assign)
            .execute()
            .path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);

        String externalId = "FHIR-" + UUID.randomUUID();
        LocalDate invitedOn = LocalDate.now().minusDays(3);
        as(FEED).documentName("integration/IssueInvitations")
            .variable("input", Map.of("invitations",
                    List.of(Map.of("externalId", externalId, "nhsNumber", nhsNumber, "programme", "BREAST", "invitedOn",
                            invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString()))))
            .executeAndVerify();
        String invitationId = as(IdentityProviders.patientToken(nhsNumber))
            .document("{ me { screeningInvitations(first: 5) { edges { node { id } } } } }")
            .execute()
            .path("me.screeningInvitations.edges[0].node.id")
            .entity(String.class)
            .get();
        Map<String, Object> respond = input("patient-app/RespondToInvitation");
        respond.putAll(Map.of("invitationId", invitationId, "clientMutationId", UUID.randomUUID().toString(),
                "appointmentAt", LocalDate.now().plusDays(10) + "T09:30:00Z"));
        as(IdentityProviders.patientToken(nhsNumber)).documentName("patient-app/RespondToInvitation")
            .variable("input", respond)
            .executeAndVerify();
    }

    @Test
    void bundleParsesBackWithEveryPartOfTheRecord() {
        Response response = as(EXPORTER).document(QUERY).variable("n", nhsNumber).execute();

        Bundle bundle = PARSER.parseResource(Bundle.class,
                response.path("patientFhirBundle").entity(String.class).get());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        Map<String, Resource> byUrl = bundle.getEntry()
            .stream()
            .collect(Collectors.toMap(Bundle.BundleEntryComponent::getFullUrl, e -> e.getResource()));
        assertThat(byUrl.values()).extracting(r -> r.fhirType())
            .containsExactlyInAnyOrder("Patient", "Condition", "CareTeam", "Goal", "CarePlan", "CommunicationRequest",
                    "Appointment");

        Patient patient = one(bundle, Patient.class);
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(nhsNumber);
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Hughes");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1958-03-09");
        assertThat(patient.getGeneralPractitionerFirstRep().getIdentifier().getValue()).isEqualTo("W97001");

        Condition condition = one(bundle, Condition.class);
        assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("C18.7");
        assertThat(condition.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
        assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");

        CarePlan plan = one(bundle, CarePlan.class);
        assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
        assertThat(resolve(byUrl, plan.getSubject())).isSameAs(patient);
        assertThat(resolve(byUrl, plan.getAddressesFirstRep())).isSameAs(condition);
        assertThat(plan.getActivity()).hasSize(1);
        assertThat(plan.getActivityFirstRep().getDetail().getCode().getCodingFirstRep().getCode()).isEqualTo("SURGERY");
        assertThat(plan.getActivityFirstRep().getDetail().getStatus())
            .isEqualTo(CarePlan.CarePlanActivityStatus.SCHEDULED);
        assertThat(plan.getNote()).extracting(n -> n.getText()).anyMatch(t -> t.contains("Travel to appointments"));
        Goal goal = (Goal) resolve(byUrl, plan.getGoalFirstRep());
        assertThat(goal.getDescription().getText()).isEqualTo("Walk 20 minutes a day");
        assertThat(goal.getTargetFirstRep().getDueDateType().getValueAsString()).isEqualTo("2026-12-31");
        assertThat(resolve(byUrl, goal.getSubject())).isSameAs(patient);

        CareTeam team = (CareTeam) resolve(byUrl, plan.getCareTeamFirstRep());
        CareTeam.CareTeamParticipantComponent lead = team.getParticipant()
            .stream()
            .filter(p -> p.getRoleFirstRep().getCodingFirstRep().getCode() != null
                    && p.getRoleFirstRep().getCodingFirstRep().getCode().equals("neighbourhood-cancer-lead"))
            .findFirst()
            .orElseThrow();
        assertThat(lead.getMember().getDisplay()).isEqualTo("Lowri Evans");
        assertThat(lead.getMember().getIdentifier().getValue()).isEqualTo(leadId);
        assertThat(lead.getPeriod().getStartElement().getValueAsString()).isEqualTo(LocalDate.now().toString());
        assertThat(lead.getPeriod().hasEnd()).isFalse();
        assertThat(team.getManagingOrganization()).extracting(o -> o.getIdentifier().getValue()).contains("R1H");

        CommunicationRequest invitation = one(bundle, CommunicationRequest.class);
        assertThat(invitation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("BREAST");
        assertThat(invitation.getStatus()).isEqualTo(CommunicationRequest.CommunicationRequestStatus.COMPLETED);
        Appointment appointment = one(bundle, Appointment.class);
        assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(resolve(byUrl, appointment.getBasedOnFirstRep())).isSameAs(invitation);
        assertThat(resolve(byUrl, appointment.getParticipantFirstRep().getActor())).isSameAs(patient);
    }

    @Test
    void everyExportIsAuditedAndOnlyTheScopeMayExport() {
        Response staff = as(careTeam).document(QUERY).variable("n", nhsNumber).execute();
        Response otherScope = as(IdentityProviders.integrationToken("patients:write")).document(QUERY)
            .variable("n", nhsNumber)
            .execute();
        Response patient = as(IdentityProviders.patientToken(nhsNumber)).document(QUERY)
            .variable("n", nhsNumber)
            .execute();
        as(EXPORTER).document(QUERY).variable("n", nhsNumber).execute();

        assertThat(List.of(staff, otherScope, patient)).allSatisfy(refused -> {
            assertThat(firstError(refused).getExtensions()).containsEntry("classification", "FORBIDDEN");
            assertThat(json(refused)).doesNotContain("Hughes");
        });
        List<LogEntry> log = as(IdentityProviders.patientToken(nhsNumber))
            .document("{ me { accessLog(first: 100) { edges { node { action outcome actor { kind } } } } } }")
            .execute()
            .path("me.accessLog.edges[*].node")
            .entityList(LogEntry.class)
            .get();
        List<String> exports = log.stream()
            .filter(entry -> entry.action().equals("PATIENT_EXPORTED_FHIR"))
            .filter(entry -> !entry.actor().kind().equals("PATIENT"))
            .map(LogEntry::outcome)
            .toList();
        assertThat(exports).containsExactlyInAnyOrder("ALLOWED", "DENIED", "DENIED");
    }

    @Test
    void theEndOfTreatmentSummaryIsACompositionWhoseFreeTextStaysText() {
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/IssueTreatmentSummary").get("input"));
        Map<String, Object> summary = new HashMap<>((Map<String, Object>) input.get("summary"));
        summary.put("redFlagSymptoms", List.of("A <b>lump</b> & swelling near the scar"));
        input.putAll(Map.of("planId", planId, "expectedVersion", 3, "summary", summary, "clientMutationId",
                UUID.randomUUID().toString()));
        as(careTeam).documentName("staff/IssueTreatmentSummary")
            .variable("input", input)
            .execute()
            .path("issueTreatmentSummary.errors")
            .entityList(Object.class)
            .hasSize(0);

        Bundle bundle = export();
        Map<String, Resource> byUrl = byUrl(bundle);
        Composition composition = one(bundle, Composition.class);
        assertThat(composition.getStatus()).isEqualTo(Composition.CompositionStatus.FINAL);
        assertThat(composition.getTitle()).isEqualTo("End of treatment summary");
        assertThat(composition.getDateElement().getValueAsString()).isEqualTo(LocalDate.now().toString());
        assertThat(composition.getAuthorFirstRep().getDisplay()).isEqualTo("Dr Fhir");
        assertThat(resolve(byUrl, composition.getSubject())).isSameAs(one(bundle, Patient.class));
        assertThat(resolve(byUrl, composition.getEventFirstRep().getDetailFirstRep()))
            .isSameAs(one(bundle, CarePlan.class));
        assertThat(composition.getSection()).extracting(Composition.SectionComponent::getTitle)
            .containsExactly("Treatments given", "Side effects to watch for", "Red-flag symptoms", "Who to contact",
                    "Actions for the GP", "Follow-up");
        XhtmlNode redFlags = composition.getSection().get(2).getText().getDiv();
        assertThat(redFlags.allText()).contains("A <b>lump</b> & swelling near the scar");
        assertThat(composition.getSection().get(2).getText().getDivAsString())
            .contains("A &lt;b&gt;lump&lt;/b&gt; &amp; swelling")
            .doesNotContain("<b>");
        assertThat(composition.getSection().get(4).getText().getDiv().allText())
            .contains("Shared with the GP practice on " + LocalDate.now());
        assertThat(composition.getSection().get(5).getText().getDiv().allText())
            .contains("Patient-initiated follow-up until 2029-11-30")
            .contains("CT scan due 2027-11-30");
    }

    @Test
    void answeredAssessmentsAreQuestionnaireResponsesAndTasksAreTasks() {
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = new HashMap<>(
                (Map<String, Object>) Contract.variables("staff/IssueTreatmentSummary").get("input"));
        summary
            .putAll(Map.of("planId", planId, "expectedVersion", 3, "clientMutationId", UUID.randomUUID().toString()));
        as(careTeam).documentName("staff/IssueTreatmentSummary").variable("input", summary).executeAndVerify();
        String patient = IdentityProviders.patientToken(nhsNumber);
        String assessmentId = as(patient).documentName("patient-app/MyFollowUp")
            .execute()
            .path("me.assessmentsDue[0].id")
            .entity(String.class)
            .get();
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = new HashMap<>(
                (Map<String, Object>) Contract.variables("patient-app/SubmitAssessment").get("input"));
        answers.putAll(Map.of("assessmentId", assessmentId, "clientMutationId", UUID.randomUUID().toString()));
        as(patient).documentName("patient-app/SubmitAssessment").variable("input", answers).executeAndVerify();
        @SuppressWarnings("unchecked")
        Map<String, Object> request = new HashMap<>(
                (Map<String, Object>) Contract.variables("patient-app/RequestFollowUp").get("input"));
        request.putAll(Map.of("planId", planId, "clientMutationId", UUID.randomUUID().toString()));
        as(patient).documentName("patient-app/RequestFollowUp").variable("input", request).executeAndVerify();

        Bundle bundle = export();
        Map<String, Resource> byUrl = byUrl(bundle);
        QuestionnaireResponse response = one(bundle, QuestionnaireResponse.class);
        assertThat(response.getQuestionnaire()).isEqualTo("urn:cancerplan:questionnaire:holistic-needs|1");
        assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        assertThat(response.getIdentifier().getValue()).isEqualTo(assessmentId);
        assertThat(resolve(byUrl, response.getSubject())).isSameAs(one(bundle, Patient.class));
        assertThat(resolve(byUrl, response.getBasedOnFirstRep())).isSameAs(one(bundle, CarePlan.class));
        assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
            .containsExactly("tiredness", "money-worries", "anything-else");
        assertThat(response.getItem().get(0).getText()).isEqualTo("Tiredness or lack of energy");
        assertThat(response.getItem().get(0).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(8);
        assertThat(response.getItem().get(0).getAnswerFirstRep().getItem()).isEmpty();
        assertThat(response.getItem().get(0).getItemFirstRep().getAnswerFirstRep().getValueBooleanType().booleanValue())
            .isTrue();
        assertThat(response.getItem().get(2).getAnswerFirstRep().getValueStringType().getValue())
            .isEqualTo("I am not sleeping well");

        List<org.hl7.fhir.r4.model.Task> tasks = bundle.getEntry()
            .stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(org.hl7.fhir.r4.model.Task.class::isInstance)
            .map(org.hl7.fhir.r4.model.Task.class::cast)
            .toList();
        assertThat(tasks).extracting(task -> task.getCode().getCodingFirstRep().getCode())
            .containsExactlyInAnyOrder("PATIENT_REPORTED_CONCERN", "FOLLOW_UP_REQUEST");
        org.hl7.fhir.r4.model.Task followUp = tasks.stream()
            .filter(task -> task.getCode().getCodingFirstRep().getCode().equals("FOLLOW_UP_REQUEST"))
            .findFirst()
            .orElseThrow();
        assertThat(followUp.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Task.TaskStatus.REQUESTED);
        assertThat(followUp.getPriority()).isEqualTo(org.hl7.fhir.r4.model.Task.TaskPriority.ASAP);
        assertThat(followUp.getOwner().getIdentifier().getValue()).isEqualTo(leadId);
        assertThat(followUp.getOwner().getDisplay()).isEqualTo("Lowri Evans");
        assertThat(resolve(byUrl, followUp.getFor())).isSameAs(one(bundle, Patient.class));
        assertThat(resolve(byUrl, followUp.getFocus())).isSameAs(one(bundle, CarePlan.class));
        assertThat(followUp.getRestriction().getPeriod().getEndElement().getValueAsString())
            .isEqualTo(LocalDate.now(ZoneId.of("Europe/London")).toString());
        assertThat(followUp.getNote()).extracting(note -> note.getText())
            .contains("The patient asked about new symptom: A lump near the scar since last week", "Raised");
    }

    @Test
    void unknownPatientIsNull() {
        Response response = as(EXPORTER).document(QUERY).variable("n", TestNhsNumbers.next()).execute();

        response.path("patientFhirBundle").valueIsNull();
    }

    private Bundle export() {
        return PARSER.parseResource(Bundle.class,
                as(EXPORTER).document(QUERY)
                    .variable("n", nhsNumber)
                    .execute()
                    .path("patientFhirBundle")
                    .entity(String.class)
                    .get());
    }

    private static Map<String, Resource> byUrl(Bundle bundle) {
        return bundle.getEntry()
            .stream()
            .collect(Collectors.toMap(Bundle.BundleEntryComponent::getFullUrl, e -> e.getResource()));
    }

    private static <T extends Resource> T one(Bundle bundle, Class<T> type) {
        List<T> found = bundle.getEntry()
            .stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(type::isInstance)
            .map(type::cast)
            .toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Resource resolve(Map<String, Resource> byUrl, Reference reference) {
        assertThat(byUrl).as("reference " + reference.getReference()).containsKey(reference.getReference());
        return byUrl.get(reference.getReference());
    }

    /** An entry of the patient's access log. */
    record LogEntry(String action, String outcome, Actor actor) {

        record Actor(String kind) {
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }

}
