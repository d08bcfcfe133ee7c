package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;

/** Drives screening through the API as the screening system and the app do. */
final class ScreeningApi {

    static final String FEED = IdentityProviders.integrationToken("invitations:write", "results:write", "patients:write",
            "reports:read");
    static final String RESPOND = Contract.operation("patient-app/RespondToInvitation");
    static final String INVITATIONS = "{ me { screeningInvitations(first: 50) { edges { node { id externalId programme "
            + "status allowedResponses appointment { at location } history { status channel } } } } } }";
    private final GraphQlHttp graphql;

    ScreeningApi(GraphQlHttp graphql) {
        this.graphql = graphql;
    }

    String patient(String dateOfBirth, String lsoaCode) {
        String nhsNumber = TestNhsNumbers.next();
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Screen",
                "familyName", "Patient", "dateOfBirth", dateOfBirth));
        if (lsoaCode != null) {
            record.put("lsoaCode", lsoaCode);
        }
        Response response = graphql.post(FEED, Contract.operation("integration/RegisterPatients"),
                Map.of("input", Map.of("patients", List.of(record))));
        assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        return nhsNumber;
    }

    Response issue(List<Map<String, Object>> items) {
        return graphql.post(FEED, Contract.operation("integration/IssueInvitations"),
                Map.of("input", Map.of("invitations", items)));
    }

    static Map<String, Object> item(String nhsNumber, String programme, LocalDate invitedOn) {
        return new HashMap<>(Map.of("externalId", "T-" + UUID.randomUUID(), "nhsNumber", nhsNumber, "programme",
                programme, "invitedOn", invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString()));
    }

    /** Issues one invitation and returns its id as the patient sees it. */
    String invite(String nhsNumber, String programme, LocalDate invitedOn) {
        Map<String, Object> item = item(nhsNumber, programme, invitedOn);
        Response issued = issue(List.of(item));
        assertThat(issued.data("issueScreeningInvitations/issued").asInt()).as(issued.body().toString()).isEqualTo(1);
        return graphql.post(IdentityProviders.patientToken(nhsNumber), INVITATIONS)
                .data("me/screeningInvitations/edges/0/node/id").asString();
    }

    Response respond(String nhsNumber, String invitationId, String response, String appointmentAt) {
        Map<String, Object> input = new HashMap<>(Map.of("invitationId", invitationId, "response", response));
        if (appointmentAt != null) {
            input.put("appointmentAt", appointmentAt);
        }
        return graphql.post(IdentityProviders.patientToken(nhsNumber), RESPOND, Map.of("input", input));
    }

    Response result(String externalId, String outcome, LocalDate on) {
        return graphql.post(FEED, Contract.operation("integration/RecordResult"), Map.of("input",
                Map.of("externalId", externalId, "outcome", outcome, "recordedOn", on.toString())));
    }

    Response event(String externalId, String event) {
        return graphql.post(FEED, "mutation($i: RecordScreeningEventInput!) { recordScreeningEvent(input: $i) { "
                + "invitation { status } errors { code } } }", Map.of("i", Map.of("externalId", externalId, "event",
                event)));
    }

    String externalIdOf(String nhsNumber, int index) {
        return graphql.post(IdentityProviders.patientToken(nhsNumber), INVITATIONS)
                .data("me/screeningInvitations/edges/" + index + "/node/externalId").asString();
    }
}
