package org.cancerplan.screening;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Drives screening through the API as the screening system and the app do. */
final class ScreeningApi {

    static final String FEED = IdentityProviders.integrationToken("invitations:write", "results:write",
            "patients:write", "reports:read");
    static final String RESPOND = "patient-app/RespondToInvitation";
    static final String INVITATIONS = "{ me { screeningInvitations(first: 50) { edges { node { id externalId programme "
            + "status allowedResponses appointment { at location } history { status channel } } } } } }";

    private final HttpGraphQlTester graphql;

    ScreeningApi(HttpGraphQlTester graphql) {
        this.graphql = graphql;
    }

    HttpGraphQlTester as(String token) {
        return GraphQlTesters.as(graphql, token);
    }

    String patient(String dateOfBirth, String lsoaCode) {
        String nhsNumber = TestNhsNumbers.next();
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Screen", "familyName",
                "Patient", "dateOfBirth", dateOfBirth));
        if (lsoaCode != null) {
            record.put("lsoaCode", lsoaCode);
        }
        as(FEED).documentName("integration/RegisterPatients")
            .variable("input", Map.of("patients", List.of(record)))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        return nhsNumber;
    }

    Response issue(List<Map<String, Object>> items) {
        return as(FEED).documentName("integration/IssueInvitations")
            .variable("input", Map.of("invitations", items))
            .execute();
    }

    static Map<String, Object> item(String nhsNumber, String programme, LocalDate invitedOn) {
        return new HashMap<>(Map.of("externalId", "T-" + UUID.randomUUID(), "nhsNumber", nhsNumber, "programme",
                programme, "invitedOn", invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString()));
    }

    /** Issues one invitation and returns its id as the patient sees it. */
    String invite(String nhsNumber, String programme, LocalDate invitedOn) {
        Map<String, Object> item = item(nhsNumber, programme, invitedOn);
        issue(List.of(item)).path("issueScreeningInvitations.issued").entity(Integer.class).isEqualTo(1);
        return invitations(nhsNumber).path("me.screeningInvitations.edges[0].node.id").entity(String.class).get();
    }

    /** The patient's invitations ({@link #INVITATIONS}). */
    Response invitations(String nhsNumber) {
        return as(IdentityProviders.patientToken(nhsNumber)).document(INVITATIONS).execute();
    }

    Response respond(String nhsNumber, String invitationId, String response, String appointmentAt) {
        Map<String, Object> input = new HashMap<>(Map.of("invitationId", invitationId, "response", response));
        if (appointmentAt != null) {
            input.put("appointmentAt", appointmentAt);
        }
        return as(IdentityProviders.patientToken(nhsNumber)).documentName(RESPOND).variable("input", input).execute();
    }

    Response result(String externalId, String outcome, LocalDate on) {
        return as(FEED).documentName("integration/RecordResult")
            .variable("input", Map.of("externalId", externalId, "outcome", outcome, "recordedOn", on.toString()))
            .execute();
    }

    Response event(String externalId, String event) {
        return as(FEED)
            .document("mutation($i: RecordScreeningEventInput!) { recordScreeningEvent(input: $i) { "
                    + "invitation { status } errors { code } } }")
            .variable("i", Map.of("externalId", externalId, "event", event))
            .execute();
    }

    String externalIdOf(String nhsNumber, int index) {
        return invitations(nhsNumber).path("me.screeningInvitations.edges[" + index + "].node.externalId")
            .entity(String.class)
            .get();
    }

}
