package org.cancerplan.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class ScreeningApiTest extends ApiTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

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
        as(ScreeningApi.FEED).documentName("integration/RegisterPatients")
            .variables(Contract.variables("integration/RegisterPatients"))
            .execute();

        Response issued = as(ScreeningApi.FEED).documentName("integration/IssueInvitations")
            .variables(Contract.variables("integration/IssueInvitations"))
            .execute();
        Response resent = as(ScreeningApi.FEED).documentName("integration/IssueInvitations")
            .variables(Contract.variables("integration/IssueInvitations"))
            .execute();
        String patient = IdentityProviders.patientToken("9434765919");
        Response myCare = as(patient).documentName("patient-app/MyCare").execute();
        Map<String, Object> result = new HashMap<>(input("integration/RecordResult"));
        result.put("recordedOn", TODAY.toString()); // the contract's example date is
                                                    // still in the future
        Response recorded = as(ScreeningApi.FEED).documentName("integration/RecordResult")
            .variable("input", result)
            .execute();

        assertThat(issued.path("issueScreeningInvitations.issued").entity(Integer.class).get()
                + issued.path("issueScreeningInvitations.alreadyIssued").entity(Integer.class).get())
            .isEqualTo(1);
        resent.path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("issueScreeningInvitations.alreadyIssued")
            .entity(Integer.class)
            .isEqualTo(1);
        myCare.path("me.screeningInvitations.edges[0].node",
                invitation -> invitation.path("programme")
                    .entity(String.class)
                    .isEqualTo("BOWEL")
                    .path("allowedResponses")
                    .entityList(String.class)
                    .containsExactly("REQUEST_KIT", "DECLINE", "OPT_OUT"));
        recorded.path("recordScreeningResult.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("recordScreeningResult.invitation.status")
            .entity(String.class)
            .isEqualTo("RESULT_ABNORMAL")
            .path("recordScreeningResult.invitation.result.outcome")
            .entity(String.class)
            .isEqualTo("ABNORMAL");
    }

    @Test
    void thePatientBooksReschedulesAndCancelsWithTheContractOperation() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);

        Response booked = api.respond(nhsNumber, id, "BOOK", IN_A_WEEK);
        Response rescheduled = api.respond(nhsNumber, id, "RESCHEDULE",
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(8).withNano(0).toString());
        Response cancelled = api.respond(nhsNumber, id, "CANCEL_BOOKING", null);
        Response kit = api.respond(nhsNumber, id, "REQUEST_KIT", null);

        booked.path("respondToScreeningInvitation.invitation.status")
            .entity(String.class)
            .isEqualTo("BOOKED")
            .path("respondToScreeningInvitation.invitation.allowedResponses")
            .entityList(String.class)
            .contains("RESCHEDULE", "CANCEL_BOOKING");
        rescheduled.path("respondToScreeningInvitation.invitation.appointment.at")
            .entity(String.class)
            .isNotEqualTo(
                    booked.path("respondToScreeningInvitation.invitation.appointment.at").entity(String.class).get());
        cancelled.path("respondToScreeningInvitation.invitation.status")
            .entity(String.class)
            .isEqualTo("INVITED")
            .path("respondToScreeningInvitation.invitation.appointment")
            .valueIsNull();
        kit.path("respondToScreeningInvitation.errors[0].code").entity(String.class).isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void bookingNeedsAFutureTimeWithinTheResponseWindow() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);

        Response past = api.respond(nhsNumber, id, "BOOK",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0).toString());
        Response tooLate = api.respond(nhsNumber, id, "BOOK",
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(90).withNano(0).toString());
        Response none = api.respond(nhsNumber, id, "BOOK", null);

        for (Response refused : List.of(past, tooLate, none)) {
            refused.path("respondToScreeningInvitation.errors[0].code")
                .entity(String.class)
                .isEqualTo("INVALID_APPOINTMENT")
                .path("respondToScreeningInvitation.errors[0].field")
                .entity(String.class)
                .isEqualTo("appointmentAt");
        }
    }

    @Test
    void aRetriedResponseActsOnce() {
        String nhsNumber = api.patient("1970-06-01", null);
        String id = api.invite(nhsNumber, "BREAST", TODAY);
        Map<String, Object> input = Map.of("invitationId", id, "response", "BOOK", "appointmentAt", IN_A_WEEK,
                "clientMutationId", "book-" + nhsNumber);

        Response first = as(IdentityProviders.patientToken(nhsNumber)).documentName(ScreeningApi.RESPOND)
            .variable("input", input)
            .execute();
        Response retry = as(IdentityProviders.patientToken(nhsNumber)).documentName(ScreeningApi.RESPOND)
            .variable("input", input)
            .execute();

        assertThat(retry.returnResponse().toMap()).isEqualTo(first.returnResponse().toMap());
        assertThat(api.invitations(nhsNumber)
            .path("me.screeningInvitations.edges[0].node.history[*].status")
            .entityList(String.class)
            .get()).filteredOn("BOOKED"::equals).hasSize(1);
    }

    @Test
    void aPatientCannotTellAnotherPatientsInvitationFromAMissingOne() {
        String owner = api.patient("1970-06-01", null);
        String id = api.invite(owner, "BREAST", TODAY);
        String other = api.patient("1971-06-01", null);

        Response theirs = api.respond(other, id, "DECLINE", null);
        Response missing = api.respond(other, new ObjectId().toHexString(), "DECLINE", null);

        assertThat(theirs.returnResponse().toMap()).isEqualTo(missing.returnResponse().toMap());
        theirs.path("respondToScreeningInvitation.errors[0].code").entity(String.class).isEqualTo("NOT_FOUND");
        api.respond(owner, id, "DECLINE", null)
            .path("respondToScreeningInvitation.invitation.status")
            .entity(String.class)
            .isEqualTo("DECLINED");
    }

    @Test
    void aBatchIsIdempotentByExternalIdAndReportsEachBadItem() {
        String eligible = api.patient("1965-01-01", null);
        String tooYoung = api.patient("1990-01-01", null);
        Map<String, Object> good = ScreeningApi.item(eligible, "BOWEL", TODAY);
        Map<String, Object> selfReferred = ScreeningApi.item(tooYoung, "BOWEL", TODAY);
        selfReferred.put("selfReferral", true);
        List<Map<String, Object>> batch = List.of(good, ScreeningApi.item(tooYoung, "BOWEL", TODAY),
                ScreeningApi.item("9434765918", "BOWEL", TODAY), ScreeningApi.item("9990000018", "BOWEL", TODAY), good,
                selfReferred);

        Response first = api.issue(batch);
        Response again = api.issue(batch);

        first.path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(2)
            .path("issueScreeningInvitations.errors")
            .entityList(ItemError.class)
            .containsExactly(new ItemError("NOT_ELIGIBLE", "invitations[1].nhsNumber"),
                    new ItemError("INVALID_NHS_NUMBER", "invitations[2].nhsNumber"),
                    new ItemError("PATIENT_NOT_FOUND", "invitations[3].nhsNumber"),
                    new ItemError("DUPLICATE_IN_BATCH", "invitations[4].externalId"));
        again.path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("issueScreeningInvitations.alreadyIssued")
            .entity(Integer.class)
            .isEqualTo(2);
        assertThat(mongo.count(Query.query(Criteria.where("patientNhsNumber").in(eligible, tooYoung)),
                "screeningInvitations"))
            .isEqualTo(2);
    }

    @Test
    void eligibilityFollowsEachProgrammesAges() {
        LocalDate on = TODAY;
        String seventy = api.patient(on.minusYears(71).plusDays(1).toString(), null);
        String seventyOne = api.patient(on.minusYears(71).toString(), null);
        String twentyFour = api.patient(on.minusYears(25).plusDays(1).toString(), null);

        Response breast = api.issue(List.of(ScreeningApi.item(seventy, "BREAST", on),
                ScreeningApi.item(seventyOne, "BREAST", on), ScreeningApi.item(twentyFour, "CERVICAL", on)));

        breast.path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("issueScreeningInvitations.errors[*].field")
            .entityList(String.class)
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

        whileOut.path("issueScreeningInvitations.errors[0].code").entity(String.class).isEqualTo("OPTED_OUT");
        otherProgramme.path("issueScreeningInvitations.issued").entity(Integer.class).isEqualTo(1);
        optIn.path("respondToScreeningInvitation.errors").entityList(Object.class).hasSize(0);
        afterwards.path("issueScreeningInvitations.issued").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void anAbnormalResultStartsTheFasterDiagnosisClockOfThePlanOpenedLater() {
        String nhsNumber = api.patient("1958-03-03", null);
        api.invite(nhsNumber, "BOWEL", TODAY.minusDays(20));
        String externalId = api.externalIdOf(nhsNumber, 0);
        LocalDate resultOn = TODAY.minusDays(3);

        api.result(externalId, "ABNORMAL", resultOn);
        String staff = IdentityProviders.staffToken("R1H", "R8000");
        Response created = as(staff)
            .document("mutation($i: CreateCancerPlanInput!) { createCancerPlan(input: $i) { "
                    + "plan { pathway { referralReceivedOn fasterDiagnosisStandard { status dueBy } } } "
                    + "errors { code } } }")
            .variable("i", Map.of("nhsNumber", nhsNumber, "diagnosis", Map.of("cancerTypeCode", "C18.7")))
            .execute();

        created.path("createCancerPlan.plan.pathway.referralReceivedOn")
            .entity(String.class)
            .isEqualTo(resultOn.toString())
            .path("createCancerPlan.plan.pathway.fasterDiagnosisStandard.dueBy")
            .entity(String.class)
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

        tooEarly.path("recordScreeningEvent.errors[0].code").entity(String.class).isEqualTo("INVALID_TRANSITION");
        attended.path("recordScreeningEvent.invitation.status").entity(String.class).isEqualTo("ATTENDED");
        normal.path("recordScreeningResult.invitation.status").entity(String.class).isEqualTo("RESULT_NORMAL");
        cancelAfterResult.path("recordScreeningEvent.errors[0].code")
            .entity(String.class)
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
        }
        finally {
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

        Response record = as(IdentityProviders.staffToken("R1H", "R8000")).documentName("staff/PatientRecord")
            .variable("nhsNumber", nhsNumber)
            .execute();

        record.errors().verify();
        record.path("patient.screeningInvitations.edges")
            .entityList(Object.class)
            .hasSize(1)
            .path("patient.cancerPlan")
            .valueIsNull();
    }

    private List<String> statuses(String nhsNumber) {
        Document invitation = mongo.findOne(Query.query(Criteria.where("patientNhsNumber").is(nhsNumber)),
                Document.class, "screeningInvitations");
        List<String> statuses = new ArrayList<>();
        invitation.getList("history", Document.class).forEach(h -> statuses.add(h.getString("status")));
        return statuses;
    }

    /** An item of a batch the service refused, and why. */
    record ItemError(String code, String field) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation) {
        return (Map<String, Object>) Contract.variables(operation).get("input");
    }

}
