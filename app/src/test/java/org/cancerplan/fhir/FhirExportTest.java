package org.cancerplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
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
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A patient with a plan, a lead and a booked screening appointment, exported and read back with HAPI FHIR. */
class FhirExportTest extends ApiTest {

    private static final String EXPORTER = IdentityProviders.integrationToken("fhir:read");
    private static final String QUERY = "query Export($n: NhsNumber!) { patientFhirBundle(nhsNumber: $n) }";
    private static final String ADMIN = IdentityProviders.staffToken("Service Admin", "Y01234", "R8013");
    private static final String FEED = IdentityProviders.integrationToken("patients:write", "invitations:write");
    private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser()
            .setParserErrorHandler(new StrictErrorHandler());

    private final String careTeam = IdentityProviders.staffToken("Dr Fhir", "R1H", "R8000");
    private String nhsNumber;
    private String leadId;

    @BeforeEach
    void patientWithPlanLeadAndAppointment() {
        nhsNumber = TestNhsNumbers.next();
        ok(graphql.post(FEED, Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients",
                List.of(Map.of("nhsNumber", nhsNumber, "givenName", "Ffion", "familyName", "Hughes", "dateOfBirth",
                        "1958-03-09", "postcode", "CF10 1AA", "gpPracticeCode", "W97001"))))));
        Map<String, Object> create = input("staff/CreatePlan");
        create.put("nhsNumber", nhsNumber);
        create.remove("clientMutationId");
        String planId = ok(graphql.post(careTeam, Contract.operation("staff/CreatePlan"), Map.of("input", create)))
                .data("createCancerPlan/plan/id").asString();
        Map<String, Object> update = input("staff/UpdatePlan");
        update.put("planId", planId);
        ok(graphql.post(careTeam, Contract.operation("staff/UpdatePlan"), Map.of("input", update)));
        Map<String, Object> lead = input("staff/RegisterLead");
        lead.put("name", "Lowri Evans");
        lead.put("staffId", "staff-" + UUID.randomUUID());
        leadId = ok(graphql.post(ADMIN, Contract.operation("staff/RegisterLead"), Map.of("input", lead)))
                .data("registerNeighbourhoodLead/lead/id").asString();
        Map<String, Object> assign = input("staff/AssignLead");
        assign.putAll(Map.of("planId", planId, "expectedVersion", 2, "leadId", leadId));
        Response assigned = graphql.post(careTeam, Contract.operation("staff/AssignLead"), Map.of("input", assign));
        assertThat(assigned.data("assignNeighbourhoodLead/errors")).as(assigned.body().toString()).isEmpty();

        String externalId = "FHIR-" + UUID.randomUUID();
        LocalDate invitedOn = LocalDate.now().minusDays(3);
        ok(graphql.post(FEED, Contract.operation("integration/IssueInvitations"), Map.of("input", Map.of("invitations",
                List.of(Map.of("externalId", externalId, "nhsNumber", nhsNumber, "programme", "BREAST",
                        "invitedOn", invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString()))))));
        String invitationId = graphql.post(IdentityProviders.patientToken(nhsNumber),
                "{ me { screeningInvitations(first: 5) { edges { node { id } } } } }")
                .data("me/screeningInvitations/edges/0/node/id").asString();
        Map<String, Object> respond = input("patient-app/RespondToInvitation");
        respond.putAll(Map.of("invitationId", invitationId, "clientMutationId", UUID.randomUUID().toString(),
                "appointmentAt", LocalDate.now().plusDays(10) + "T09:30:00Z"));
        ok(graphql.post(IdentityProviders.patientToken(nhsNumber), Contract.operation("patient-app/RespondToInvitation"),
                Map.of("input", respond)));
    }

    @Test
    void bundleParsesBackWithEveryPartOfTheRecord() {
        Response response = graphql.post(EXPORTER, QUERY, Map.of("n", nhsNumber));

        assertThat(response.hasErrors()).as(response.body().toString()).isFalse();
        Bundle bundle = PARSER.parseResource(Bundle.class, response.data("patientFhirBundle").asString());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        Map<String, Resource> byUrl = bundle.getEntry().stream()
                .collect(Collectors.toMap(Bundle.BundleEntryComponent::getFullUrl, e -> e.getResource()));
        assertThat(byUrl.values()).extracting(r -> r.fhirType()).containsExactlyInAnyOrder("Patient", "Condition",
                "CareTeam", "Goal", "CarePlan", "CommunicationRequest", "Appointment");

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
        CareTeam.CareTeamParticipantComponent lead = team.getParticipant().stream()
                .filter(p -> p.getRoleFirstRep().getCodingFirstRep().getCode() != null
                        && p.getRoleFirstRep().getCodingFirstRep().getCode().equals("neighbourhood-cancer-lead"))
                .findFirst().orElseThrow();
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
        Response staff = graphql.post(careTeam, QUERY, Map.of("n", nhsNumber));
        Response otherScope = graphql.post(IdentityProviders.integrationToken("patients:write"), QUERY,
                Map.of("n", nhsNumber));
        Response patient = graphql.post(IdentityProviders.patientToken(nhsNumber), QUERY, Map.of("n", nhsNumber));
        graphql.post(EXPORTER, QUERY, Map.of("n", nhsNumber));

        assertThat(List.of(staff, otherScope, patient)).allSatisfy(refused -> {
            assertThat(refused.firstErrorClassification()).isEqualTo("FORBIDDEN");
            assertThat(refused.body().toString()).doesNotContain("Hughes");
        });
        JsonNode log = graphql.post(IdentityProviders.patientToken(nhsNumber),
                "{ me { accessLog(first: 100) { edges { node { action outcome actor { kind } } } } } }")
                .data("me/accessLog/edges");
        List<String> exports = log.valueStream().map(edge -> edge.path("node"))
                .filter(node -> node.path("action").asString().equals("PATIENT_EXPORTED_FHIR"))
                .filter(node -> !node.path("actor").path("kind").asString().equals("PATIENT"))
                .map(node -> node.path("outcome").asString()).toList();
        assertThat(exports).containsExactlyInAnyOrder("ALLOWED", "DENIED", "DENIED");
    }

    @Test
    void unknownPatientIsNull() {
        Response response = graphql.post(EXPORTER, QUERY, Map.of("n", TestNhsNumbers.next()));

        assertThat(response.hasErrors()).isFalse();
        assertThat(response.data("patientFhirBundle").isNull()).isTrue();
    }

    private static <T extends Resource> T one(Bundle bundle, Class<T> type) {
        List<T> found = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static Resource resolve(Map<String, Resource> byUrl, Reference reference) {
        assertThat(byUrl).as("reference " + reference.getReference()).containsKey(reference.getReference());
        return byUrl.get(reference.getReference());
    }

    private static Response ok(Response response) {
        assertThat(response.hasErrors()).as(response.body().toString()).isFalse();
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }
}
