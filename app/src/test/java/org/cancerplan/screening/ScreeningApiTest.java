package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

class ScreeningApiTest extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Europe/London"));
    private static final String IN_A_WEEK = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString();

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ScreeningJobs jobs;

    private ScreeningApi api;

    @BeforeEach
    void api() {
        api = new ScreeningApi(graphql);
    }

    @Test
    void theContractOperationsIssueShowAndResolveAnInvitation() {
        graphql.post(ScreeningApi.FEED, Contract.operation("integration/RegisterPatients"),
                Contract.variables("integration/RegisterPatients"));

        Response issued = graphql.post(ScreeningApi.FEED, Contract.operation("integration/IssueInvitations"),
                Contract.variables("integration/IssueInvitations"));
        Response resent = graphql.post(ScreeningApi.FEED, Contract.operation("integration/IssueInvitations"),
                Contract.variables("integration/IssueInvitations"));
        String patient = IdentityProviders.patientToken("9434765919");
        Response myCare = graphql.post(patient, Contract.operation("patient-app/MyCare"));
        Map<String, Object> result = new HashMap<>(input("integration/RecordResult"));
        result.put("recordedOn", TODAY.toString()); // the contract's example date is still in the future
        Response recorded = graphql.post(ScreeningApi.FEED, Contract.operation("integration/RecordResult"),
                Map.of("input", result));

        assertThat(issued.data("issueScreeningInvitations/issued").asInt() + issued.data(
                "issueScreeningInvitations/alreadyIssued").asInt()).as(issued.body().toString()).isEqualTo(1);
        assertThat(resent.data("issueScreeningInvitations/issued").asInt()).isZero();
        assertThat(resent.data("issueScreeningInvitations/alreadyIssued").asInt()).isEqualTo(1);
        assertThat(myCare.hasErrors()).as(myCare.body().toString()).isFalse();
        JsonNode invitation = myCare.data("me/screeningInvitations/edges/0/node");
        assertThat(invitation.get("programme").asString()).isEqualTo("BOWEL");
        assertThat(invitation.get("allowedResponses").valueStream().map(JsonNode::asString))
                .containsExactly("REQUEST_KIT", "DECLINE", "OPT_OUT");
        assertThat(recorded.data("recordScreeningResult/errors")).as(recorded.body().toString()).isEmpty();
        assertThat(recorded.data("recordScreeningResult/invitation/status").asString()).isEqualTo("RESULT_ABNORMAL");
        assertThat(recorded.data("recordScreeningResult/invitation/result/outcome").asString()).isEqualTo("ABNORMAL");
    }

    @Test
    void thePatientBooksReschedulesAndCancelsWithTheContractOperation() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);

        Response booked = api.respond(nhsNumber, id, "BOOK", IN_A_WEEK);
        Response rescheduled = api.respond(nhsNumber, id, "RESCHEDULE", OffsetDateTime.now(ZoneOffset.UTC).plusDays(8)
                .withNano(0).toString());
        Response cancelled = api.respond(nhsNumber, id, "CANCEL_BOOKING", null);
        Response kit = api.respond(nhsNumber, id, "REQUEST_KIT", null);

        assertThat(booked.data("respondToScreeningInvitation/invitation/status").asString()).isEqualTo("BOOKED");
        assertThat(booked.data("respondToScreeningInvitation/invitation/allowedResponses").valueStream()
                .map(JsonNode::asString)).contains("RESCHEDULE", "CANCEL_BOOKING");
        assertThat(rescheduled.data("respondToScreeningInvitation/invitation/appointment/at").asString())
                .isNotEqualTo(booked.data("respondToScreeningInvitation/invitation/appointment/at").asString());
        assertThat(cancelled.data("respondToScreeningInvitation/invitation/status").asString()).isEqualTo("INVITED");
        assertThat(cancelled.data("respondToScreeningInvitation/invitation/appointment").isNull()).isTrue();
        assertThat(kit.data("respondToScreeningInvitation/errors/0/code").asString()).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void bookingNeedsAFutureTimeWithinTheResponseWindow() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);

        Response past = api.respond(nhsNumber, id, "BOOK", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)
                .withNano(0).toString());
        Response tooLate = api.respond(nhsNumber, id, "BOOK", OffsetDateTime.now(ZoneOffset.UTC).plusDays(90)
                .withNano(0).toString());
        Response none = api.respond(nhsNumber, id, "BOOK", null);

        for (Response refused : List.of(past, tooLate, none)) {
            assertThat(refused.data("respondToScreeningInvitation/errors/0/code").asString())
                    .isEqualTo("INVALID_APPOINTMENT");
            assertThat(refused.data("respondToScreeningInvitation/errors/0/field").asString()).isEqualTo("appointmentAt");
        }
    }

    @Test
    void aRetriedResponseActsOnce() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);
        Map<String, Object> input = Map.of("invitationId", id, "response", "BOOK", "appointmentAt", IN_A_WEEK,
                "clientMutationId", "book-" + nhsNumber);

        Response first = graphql.post(IdentityProviders.patientToken(nhsNumber), ScreeningApi.RESPOND,
                Map.of("input", input));
        Response retry = graphql.post(IdentityProviders.patientToken(nhsNumber), ScreeningApi.RESPOND,
                Map.of("input", input));

        assertThat(retry.body()).isEqualTo(first.body());
        JsonNode history = graphql.post(IdentityProviders.patientToken(nhsNumber), ScreeningApi.INVITATIONS)
                .data("me/screeningInvitations/edges/0/node/history");
        assertThat(history.valueStream().filter(h -> h.get("status").asString().equals("BOOKED"))).hasSize(1);
    }

    @Test
    void aPatientCannotTellAnotherPatientsInvitationFromAMissingOne() {
        String owner = api.patient("1970-06-01", null);
        String id = api.invite(owner, "BREAST", TODAY);
        String other = api.patient("1971-06-01", null);

        Response theirs = api.respond(other, id, "DECLINE", null);
        Response missing = api.respond(other, new ObjectId().toHexString(), "DECLINE", null);

        assertThat(theirs.body()).isEqualTo(missing.body());
        assertThat(theirs.data("respondToScreeningInvitation/errors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(api.respond(owner, id, "DECLINE", null).data("respondToScreeningInvitation/invitation/status")
                .asString()).isEqualTo("DECLINED");
    }

    @Test
    void aBatchIsIdempotentByExternalIdAndReportsEachBadItem() {
        String eligible = api.patient("1965-01-01", null);
        String tooYoung = api.patient("1990-01-01", null);
        Map<String, Object> good = ScreeningApi.item(eligible, "BOWEL", TODAY);
        Map<String, Object> selfReferred = ScreeningApi.item(tooYoung, "BOWEL", TODAY);
        selfReferred.put("selfReferral", true);
        List<Map<String, Object>> batch = List.of(good,
                ScreeningApi.item(tooYoung, "BOWEL", TODAY),
                ScreeningApi.item("9434765918", "BOWEL", TODAY),
                ScreeningApi.item("9990000018", "BOWEL", TODAY),
                good,
                selfReferred);

        Response first = api.issue(batch);
        Response again = api.issue(batch);

        assertThat(first.data("issueScreeningInvitations/issued").asInt()).isEqualTo(2);
        assertThat(first.data("issueScreeningInvitations/errors").valueStream().map(e -> e.get("code").asString()
                + " " + e.get("field").asString())).containsExactly("NOT_ELIGIBLE invitations[1].nhsNumber",
                "INVALID_NHS_NUMBER invitations[2].nhsNumber", "PATIENT_NOT_FOUND invitations[3].nhsNumber",
                "DUPLICATE_IN_BATCH invitations[4].externalId");
        assertThat(again.data("issueScreeningInvitations/issued").asInt()).isZero();
        assertThat(again.data("issueScreeningInvitations/alreadyIssued").asInt()).isEqualTo(2);
        assertThat(mongo.count(Query.query(Criteria.where("patientNhsNumber").in(eligible, tooYoung)),
                "screeningInvitations")).isEqualTo(2);
    }

    @Test
    void eligibilityFollowsEachProgrammesAges() {
        LocalDate on = TODAY;
        String seventy = api.patient(on.minusYears(71).plusDays(1).toString(), null);
        String seventyOne = api.patient(on.minusYears(71).toString(), null);
        String twentyFour = api.patient(on.minusYears(25).plusDays(1).toString(), null);

        Response breast = api.issue(List.of(ScreeningApi.item(seventy, "BREAST", on),
                ScreeningApi.item(seventyOne, "BREAST", on), ScreeningApi.item(twentyFour, "CERVICAL", on)));

        assertThat(breast.data("issueScreeningInvitations/issued").asInt()).isEqualTo(1);
        assertThat(breast.data("issueScreeningInvitations/errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("invitations[1].nhsNumber", "invitations[2].nhsNumber");
    }

    @Test
    void optingOutStopsLaterInvitationsUntilThePatientOptsBackIn() {
        String nhsNumber = api.patient("1960-01-01", null);
        String id = api.invite(nhsNumber, "BOWEL", TODAY.minusDays(700));

        api.respond(nhsNumber, id, "OPT_OUT", null);
        Response whileOut = api.issue(List.of(ScreeningApi.item(nhsNumber, "BOWEL", TODAY)));
        Response otherProgramme = api.issue(List.of(ScreeningApi.item(nhsNumber, "BREAST", TODAY)));
        Response optIn = api.respond(nhsNumber, id, "OPT_IN", null);
        Response afterwards = api.issue(List.of(ScreeningApi.item(nhsNumber, "BOWEL", TODAY)));

        assertThat(whileOut.data("issueScreeningInvitations/errors/0/code").asString()).isEqualTo("OPTED_OUT");
        assertThat(otherProgramme.data("issueScreeningInvitations/issued").asInt()).isEqualTo(1);
        assertThat(optIn.data("respondToScreeningInvitation/errors")).isEmpty();
        assertThat(afterwards.data("issueScreeningInvitations/issued").asInt()).isEqualTo(1);
    }

    @Test
    void anAbnormalResultStartsTheFasterDiagnosisClockOfThePlanOpenedLater() {
        String nhsNumber = api.patient("1958-03-03", null);
        api.invite(nhsNumber, "BOWEL", TODAY.minusDays(20));
        String externalId = api.externalIdOf(nhsNumber, 0);
        LocalDate resultOn = TODAY.minusDays(3);

        api.result(externalId, "ABNORMAL", resultOn);
        String staff = IdentityProviders.staffToken("R1H", "R8000");
        Response created = graphql.post(staff, "mutation($i: CreateCancerPlanInput!) { createCancerPlan(input: $i) { "
                + "plan { pathway { referralReceivedOn fasterDiagnosisStandard { status dueBy } } } errors { code } } }",
                Map.of("i", Map.of("nhsNumber", nhsNumber, "diagnosis", Map.of("cancerTypeCode", "C18.7"))));

        assertThat(created.data("createCancerPlan/plan/pathway/referralReceivedOn").asString())
                .as(created.body().toString()).isEqualTo(resultOn.toString());
        assertThat(created.data("createCancerPlan/plan/pathway/fasterDiagnosisStandard/dueBy").asString())
                .isEqualTo(resultOn.plusDays(28).toString());
    }

    @Test
    void theScreeningServiceRecordsAttendanceAndResults() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);
        String externalId = api.externalIdOf(nhsNumber, 0);

        Response tooEarly = api.event(externalId, "ATTENDED");
        api.respond(nhsNumber, id, "BOOK", IN_A_WEEK);
        Response attended = api.event(externalId, "ATTENDED");
        Response normal = api.result(externalId, "NORMAL", TODAY);
        Response cancelAfterResult = api.event(externalId, "CANCELLED");

        assertThat(tooEarly.data("recordScreeningEvent/errors/0/code").asString()).isEqualTo("INVALID_TRANSITION");
        assertThat(attended.data("recordScreeningEvent/invitation/status").asString()).isEqualTo("ATTENDED");
        assertThat(normal.data("recordScreeningResult/invitation/status").asString()).isEqualTo("RESULT_NORMAL");
        assertThat(cancelAfterResult.data("recordScreeningEvent/errors/0/code").asString())
                .isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void twoConcurrentJobRunsRemindAndExpireEachInvitationOnce() throws Exception {
        String quiet = api.patient("1960-01-01", null);
        String late = api.patient("1961-01-01", null);
        api.invite(quiet, "BOWEL", TODAY.minusDays(20));
        api.invite(late, "BOWEL", TODAY.minusDays(90));
        mongo.updateFirst(Query.query(Criteria.where("patientNhsNumber").is(late)),
                Update.update("respondBy", TODAY.minusDays(1)), "screeningInvitations");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<ScreeningJobs.Run>> runs = List.of(jobs::run, jobs::run);
        try {
            for (var run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        jobs.run();

        assertThat(statuses(quiet)).containsExactly("INVITED", "REMINDED");
        assertThat(statuses(late)).containsExactly("INVITED", "EXPIRED");
    }

    @Test
    void staffReadInvitationsAndTheDeprivationDecileWithThePatientRecord() {
        String nhsNumber = api.patient("1962-02-02", "E01000001");
        api.invite(nhsNumber, "BOWEL", TODAY);

        Response record = graphql.post(IdentityProviders.staffToken("R1H", "R8000"),
                Contract.operation("staff/PatientRecord"), Map.of("nhsNumber", nhsNumber));

        assertThat(record.hasErrors()).as(record.body().toString()).isFalse();
        assertThat(record.data("patient/screeningInvitations/edges")).hasSize(1);
        assertThat(record.data("patient/cancerPlan").isNull()).isTrue();
    }

    private List<String> statuses(String nhsNumber) {
        Document invitation = mongo.findOne(Query.query(Criteria.where("patientNhsNumber").is(nhsNumber)),
                Document.class, "screeningInvitations");
        List<String> statuses = new ArrayList<>();
        invitation.getList("history", Document.class).forEach(h -> statuses.add(h.getString("status")));
        return statuses;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation) {
        return (Map<String, Object>) Contract.variables(operation).get("input");
    }
}
