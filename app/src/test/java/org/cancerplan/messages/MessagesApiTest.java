package org.cancerplan.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.subscriptionEndedWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.screening.ScreeningJobs;
import org.cancerplan.shared.MessageIntent;
import org.cancerplan.shared.MessageKind;
import org.cancerplan.support.AfterTreatment;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.MessageDocuments;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import reactor.test.StepVerifier;

class MessagesApiTest extends ApiTest {

    static final String FEED = IdentityProviders.integrationToken("invitations:write", "results:write",
            "patients:write");

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    private static final String INBOX = "query($first: Int) { me { messages(first: $first) { unreadCount edges { node {"
            + " id kind title body createdAt readAt about { kind id } deliveries { channel status at } } } } } }";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MessageOutbox outbox;

    @Autowired
    ScreeningJobs screeningJobs;

    @Autowired
    Messages messages;

    @Test
    void anInvitationAndItsBookingInOneHourAreOneMessageThatAP5PatientReadsAndMarksRead() {
        String nhsNumber = register();
        String invitationId = invite(nhsNumber, "BREAST", TODAY);
        String at = ZonedDateTime.now(ZoneId.of("Europe/London"))
            .plusDays(3)
            .withHour(9)
            .withMinute(30)
            .truncatedTo(ChronoUnit.MINUTES)
            .toOffsetDateTime()
            .toString();
        respond(nhsNumber, invitationId, "BOOK", at).path("respondToScreeningInvitation.errors")
            .entityList(Object.class)
            .hasSize(0);
        outbox.sweep();

        String p5 = IdentityProviders.patientToken(nhsNumber, "P5");
        Response inbox = as(p5).document(INBOX).variable("first", 20).execute();
        List<Instant> changes = historyTimes(invitationId);
        if (samePeriod(changes.get(0), changes.get(1))) {
            inbox.path("me.messages.unreadCount")
                .entity(Integer.class)
                .isEqualTo(1)
                .path("me.messages.edges")
                .entityList(Object.class)
                .hasSize(1)
                .path("me.messages.edges[0].node.kind")
                .entity(String.class)
                .isEqualTo("APPOINTMENT_BOOKED")
                .path("me.messages.edges[0].node.title")
                .entity(String.class)
                .isEqualTo("Your breast screening appointment is booked")
                .path("me.messages.edges[0].node.about.kind")
                .entity(String.class)
                .isEqualTo("INVITATION")
                .path("me.messages.edges[0].node.about.id")
                .entity(String.class)
                .isEqualTo(invitationId);
            String body = inbox.path("me.messages.edges[0].node.body").entity(String.class).get();
            assertThat(body).startsWith("You are invited for breast screening. Please reply in the app by ")
                .contains("Your appointment is on ")
                .contains(" at 9:30am, at To be confirmed.");
        }
        else {
            inbox.path("me.messages.unreadCount").entity(Integer.class).isEqualTo(2);
        }
        String messageId = inbox.path("me.messages.edges[0].node.id").entity(String.class).get();
        inbox.path("me.messages.edges[0].node.deliveries").entityList(Object.class).hasSize(0);

        Response read = markRead(p5, messageId, "read-" + UUID.randomUUID());
        read.path("markMessageRead.errors").entityList(Object.class).hasSize(0);
        String readAt = read.path("markMessageRead.message.readAt").entity(String.class).get();
        Response after = as(p5).document(INBOX).variable("first", 20).execute();
        after.path("me.messages.edges[0].node.readAt")
            .entity(String.class)
            .isEqualTo(readAt)
            .path("me.messages.edges[0].node.deliveries[0].channel")
            .entity(String.class)
            .isEqualTo("NHSAPP")
            .path("me.messages.edges[0].node.deliveries[0].status")
            .entity(String.class)
            .isEqualTo("READ");
        markRead(p5, messageId, null).path("markMessageRead.message.readAt").entity(String.class).isEqualTo(readAt);
        assertThat(after.path("me.messages.unreadCount").entity(Integer.class).get())
            .isEqualTo(inbox.path("me.messages.unreadCount").entity(Integer.class).get() - 1);
    }

    @Test
    void messagesAboutThePlanAreForThePatientProofedToP9Only() {
        AfterTreatment patient = new AfterTreatment(graphql);
        outbox.sweep();
        Response p9 = as(patient.patient).document(INBOX).variable("first", 20).execute();
        p9.path("me.messages.edges[*].node.kind").entityList(String.class).contains("PLAN_SHARED");
        String planMessage = p9.path("me.messages.edges[?(@.node.kind == 'PLAN_SHARED')].node.id")
            .entityList(String.class)
            .hasSize(1)
            .get()
            .get(0);
        p9.path("me.messages.edges[?(@.node.kind == 'PLAN_SHARED')].node.about.id")
            .entityList(String.class)
            .containsExactly(patient.planId);

        String p5 = IdentityProviders.patientToken(patient.nhsNumber, "P5");
        as(p5).document(INBOX)
            .variable("first", 20)
            .execute()
            .path("me.messages.edges[*].node.kind")
            .entityList(String.class)
            .doesNotContain("PLAN_SHARED", "ASSESSMENT_REQUESTED");
        assertThat(code(markRead(p5, planMessage, null), "markMessageRead.errors")).isEqualTo("NOT_FOUND");
        String other = IdentityProviders.patientToken(TestNhsNumbers.next());
        assertThat(code(markRead(other, planMessage, null), "markMessageRead.errors")).isEqualTo("NOT_FOUND");
        assertThat(mongo.findById(planMessage, Message.class).getReadAt()).isNull();
    }

    @Test
    void changesToTreatmentsCareTeamAndLeadAreTold() {
        AfterTreatment patient = new AfterTreatment(graphql);
        String leadName = AfterTreatment.newLeadName();
        patient.assignLead(AfterTreatment.registerLead(graphql, leadName));
        changeCareTeam(patient, "Nia Nurse");
        outbox.sweep();
        List<Message> theirs = messagesOf(patient.nhsNumber);
        List<MessageKind> told = theirs.stream()
            .flatMap(message -> message.getParts().stream())
            .map(Message.Part::kind)
            .toList();
        assertThat(told)
            .contains(MessageKind.PLAN_SHARED, MessageKind.LEAD_ASSIGNED, MessageKind.PLAN_CARE_TEAM_CHANGED)
            .doesNotContain(MessageKind.PLAN_TREATMENTS_CHANGED);
        assertThat(theirs.stream().map(message -> MessageTexts.of(message.getParts()).body()))
            .anyMatch(body -> body.contains(leadName + " is now your neighbourhood cancer lead"));
    }

    @Test
    void twoRemindersRunningAtOnceTellEachPatientOnce() {
        String nhsNumber = register();
        String invitationId = invite(nhsNumber, TODAY.minusDays(30));
        List<CompletableFuture<Long>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> screeningJobs.remind(false)));
        }
        runs.forEach(CompletableFuture::join);
        CompletableFuture.allOf(CompletableFuture.runAsync(outbox::sweep), CompletableFuture.runAsync(outbox::sweep))
            .join();
        outbox.sweep();

        List<Message.Part> reminders = messagesOf(nhsNumber).stream()
            .flatMap(message -> message.getParts().stream())
            .filter(part -> part.kind() == MessageKind.INVITATION_REMINDED)
            .toList();
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).fields()).containsEntry("programme", "BOWEL");
        assertThat(messagesOf(nhsNumber))
            .allSatisfy(message -> assertThat(message.getAbout().id()).isEqualTo(invitationId));
        Document invitation = mongo.findById(new ObjectId(invitationId), Document.class, "screeningInvitations");
        assertThat(invitation.getList(MessageIntent.OUTBOX, Document.class)).isEmpty();
        assertThat(invitation).doesNotContainKey(MessageIntent.PENDING);
    }

    @Test
    void aStopAtEachStepLosesNothingAndDuplicatesNothing() {
        String nhsNumber = register();
        String invitationId = invite(nhsNumber, TODAY);
        outbox.sweep();
        int before = partsOf(nhsNumber);
        Instant at = Instant.now();
        MessageIntent intent = MessageIntent.of(MessageKind.INVITATION_REMINDED, nhsNumber, "INVITATION", invitationId,
                at, Map.of("programme", "BOWEL", "respondBy", TODAY.plusDays(30).toString()));
        Query theInvitation = Query.query(Criteria.where("_id").is(new ObjectId(invitationId)));

        // the change is saved with its intent, and the service stops before the outbox is
        // emptied
        pushIntoOutbox(invitationId, intent);
        outbox.drain("screeningInvitations");
        assertThat(partsOf(nhsNumber)).isEqualTo(before + 1);

        // it stops after the part was recorded, before the intent was removed
        pushIntoOutbox(invitationId, intent);
        messages.record(List.of(new Messages.Source("screeningInvitations", invitationId, intent)));
        outbox.drain("screeningInvitations");
        assertThat(partsOf(nhsNumber)).isEqualTo(before + 1);

        // it stops after the intent was removed, before the invitation was unmarked
        mongo.updateFirst(theInvitation, new Update().set(MessageIntent.PENDING, true), "screeningInvitations");
        outbox.drain("screeningInvitations");
        assertThat(partsOf(nhsNumber)).isEqualTo(before + 1);
        Document invitation = mongo.findOne(theInvitation, Document.class, "screeningInvitations");
        assertThat(invitation).doesNotContainKey(MessageIntent.PENDING);
        assertThat(invitation.getList(MessageIntent.OUTBOX, Document.class)).isEmpty();
    }

    @Test
    void nothingIsToldToAPatientWhoOptedOutOfTheProgramme() {
        String nhsNumber = register();
        String invitationId = invite(nhsNumber, TODAY);
        outbox.sweep();
        int before = partsOf(nhsNumber);
        respond(nhsNumber, invitationId, "OPT_OUT", null).path("respondToScreeningInvitation.errors")
            .entityList(Object.class)
            .hasSize(0);
        pushIntoOutbox(invitationId, MessageIntent.of(MessageKind.INVITATION_REMINDED, nhsNumber, "INVITATION",
                invitationId, Instant.now(), Map.of("programme", "BOWEL")));
        outbox.drain("screeningInvitations");
        assertThat(partsOf(nhsNumber)).isEqualTo(before);
    }

    @Test
    void aRecordedDeathCancelsInvitationsClosesTasksAndSilencesMessages() {
        AfterTreatment patient = new AfterTreatment(graphql);
        patient.issueSummary(TODAY.plusMonths(6));
        patient.requestFollowUp(patient.patient, "QUESTION", "died-" + UUID.randomUUID())
            .path("requestFollowUp.errors")
            .entityList(Object.class)
            .hasSize(0);
        String invitationId = invite(patient.nhsNumber, TODAY);
        outbox.sweep();
        int before = partsOf(patient.nhsNumber);

        Map<String, Object> record = registration(patient.nhsNumber);
        record.put("deceasedOn", TODAY.plusDays(1).toString());
        assertThat(code(registerPatients(record), "registerPatients.errors")).isEqualTo("INVALID_DATE_OF_DEATH");
        record.put("deceasedOn", TODAY.minusDays(1).toString());
        registerPatients(record).path("registerPatients.updated").entity(Integer.class).isEqualTo(1);
        registerPatients(record).path("registerPatients.unchanged").entity(Integer.class).isEqualTo(1);
        record.remove("deceasedOn");
        registerPatients(record).path("registerPatients.unchanged").entity(Integer.class).isEqualTo(1);

        as(patient.plans.staff).document("query($n: NhsNumber!) { patient(nhsNumber: $n) { deceasedOn } }")
            .variable("n", patient.nhsNumber)
            .execute()
            .path("patient.deceasedOn")
            .entity(String.class)
            .isEqualTo(TODAY.minusDays(1).toString());
        Document invitation = mongo.findById(new ObjectId(invitationId), Document.class, "screeningInvitations");
        assertThat(invitation.getString("status")).isEqualTo("CANCELLED");
        List<Document> history = invitation.getList("history", Document.class);
        assertThat(history.get(history.size() - 1).getString("reason"))
            .isEqualTo("The patient died on " + TODAY.minusDays(1));
        assertThat(mongo.find(Query
            .query(Criteria.where("patientNhsNumber").is(patient.nhsNumber).and("status").in("OPEN", "IN_PROGRESS")),
                Document.class, "tasks"))
            .isEmpty();
        assertThat(mongo.findOne(Query.query(Criteria.where("nhsNumber").is(patient.nhsNumber)), Document.class,
                "patients"))
            .doesNotContainKey("deathFollowThroughPending");

        Map<String, Object> item = invitationItem(patient.nhsNumber, TODAY);
        assertThat(code(issue(item), "issueScreeningInvitations.errors")).isEqualTo("PATIENT_DECEASED");
        changeCareTeam(patient, "New Nurse");
        outbox.sweep();
        assertThat(partsOf(patient.nhsNumber)).isEqualTo(before);
    }

    private static void changeCareTeam(AfterTreatment patient, String nurse) {
        patient.plans
            .update(patient.plans.staff, patient.planId, patient.version,
                    Map.of("careTeam", List.of(Map.of("role", "Nurse", "name", nurse, "organisation", "R1H"))))
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    /**
     * Writes the intent into the invitation's outbox as a change would, without telling
     * the outbox.
     */
    private void pushIntoOutbox(String invitationId, MessageIntent intent) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(invitationId))),
                new Update().push(MessageIntent.OUTBOX, intent).set(MessageIntent.PENDING, true),
                "screeningInvitations");
    }

    private static String code(Response response, String errorsPath) {
        return response.path(errorsPath + "[0].code").entity(String.class).get();
    }

    private boolean samePeriod(Instant a, Instant b) {
        return a.truncatedTo(ChronoUnit.HOURS).equals(b.truncatedTo(ChronoUnit.HOURS));
    }

    private List<Instant> historyTimes(String invitationId) {
        return mongo.findById(new ObjectId(invitationId), Document.class, "screeningInvitations")
            .getList("history", Document.class)
            .stream()
            .map(change -> change.getDate("at").toInstant())
            .toList();
    }

    private List<Message> messagesOf(String nhsNumber) {
        return mongo.find(Query.query(Criteria.where("patientNhsNumber").is(nhsNumber)), Message.class);
    }

    private int partsOf(String nhsNumber) {
        return messagesOf(nhsNumber).stream().mapToInt(message -> message.getParts().size()).sum();
    }

    private Response markRead(String token, String messageId, String cmid) {
        Map<String, Object> input = new HashMap<>(Map.of("messageId", messageId));
        if (cmid != null) {
            input.put("clientMutationId", cmid);
        }
        return as(token).documentName("patient-app/MarkMessageRead").variable("input", input).execute();
    }

    private static Map<String, Object> registration(String nhsNumber) {
        return new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Message", "familyName", "Patient",
                "dateOfBirth", "1962-05-01"));
    }

    private Response registerPatients(Map<String, Object> record) {
        return as(FEED)
            .document("mutation($input: RegisterPatientsInput!) { registerPatients(input: $input) { registered updated"
                    + " unchanged errors { code field } } }")
            .variable("input", Map.of("patients", List.of(record)))
            .execute();
    }

    private String register() {
        String nhsNumber = TestNhsNumbers.next();
        registerPatients(registration(nhsNumber)).path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        return nhsNumber;
    }

    private static Map<String, Object> invitationItem(String nhsNumber, LocalDate invitedOn) {
        return invitationItem(nhsNumber, "BOWEL", invitedOn);
    }

    private static Map<String, Object> invitationItem(String nhsNumber, String programme, LocalDate invitedOn) {
        return new HashMap<>(Map.of("externalId", "M-" + UUID.randomUUID(), "nhsNumber", nhsNumber, "programme",
                programme, "invitedOn", invitedOn.toString(), "respondBy", invitedOn.plusDays(60).toString()));
    }

    private Response issue(Map<String, Object> item) {
        return as(FEED).documentName("integration/IssueInvitations")
            .variable("input", Map.of("invitations", List.of(item)))
            .execute();
    }

    @Test
    void aP5SubscriberHearsOfItsInvitationButNotOfAClinicalMessageAndStaffCannotSubscribe() {
        String nhsNumber = register();
        String subscription = "subscription { myMessageReceived { kind title about { kind } } }";
        WebSocketGraphQlTester p5 = GraphQlTesters.webSocket(port, IdentityProviders.patientToken(nhsNumber, "P5"));
        WebSocketGraphQlTester staff = GraphQlTesters.webSocket(port,
                IdentityProviders.staffToken("Dr Inbox", "R1H", "R8000"));
        try {
            p5.start().block(WAIT);
            staff.start().block(WAIT);
            StepVerifier.create(p5.document(subscription).executeSubscription().toFlux())
                .expectSubscription()
                .thenAwait(Duration.ofMillis(300))
                .then(() -> {
                    Date now = new Date();
                    mongo.insert(MessageDocuments.unreadInvitationMessage(new ObjectId(), nhsNumber, now)
                        .append("about", new Document("kind", "PLAN").append("_id", "plan-" + nhsNumber))
                        .append("clinical", true)
                        .append("parts",
                                List.of(new Document("key", "clinical:" + nhsNumber).append("kind", "LEAD_ASSIGNED")
                                    .append("at", now)
                                    .append("fields", new Document("leadName", "Sam")))),
                            "messages");
                    invite(nhsNumber, TODAY);
                })
                .assertNext(received -> received.path("myMessageReceived.kind")
                    .entity(String.class)
                    .isEqualTo("INVITATION_ISSUED")
                    .path("myMessageReceived.about.kind")
                    .entity(String.class)
                    .isEqualTo("INVITATION"))
                .thenCancel()
                .verify(WAIT);
            StepVerifier.create(staff.document(subscription).executeSubscription().toFlux())
                .expectErrorSatisfies(subscriptionEndedWith("FORBIDDEN"))
                .verify(WAIT);
        }
        finally {
            p5.stop().block(WAIT);
            staff.stop().block(WAIT);
        }
    }

    private String invite(String nhsNumber, LocalDate invitedOn) {
        return invite(nhsNumber, "BOWEL", invitedOn);
    }

    private String invite(String nhsNumber, String programme, LocalDate invitedOn) {
        issue(invitationItem(nhsNumber, programme, invitedOn)).path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(1);
        return as(IdentityProviders.patientToken(nhsNumber))
            .document("{ me { screeningInvitations(first: 1) { edges { node { id } } } } }")
            .execute()
            .path("me.screeningInvitations.edges[0].node.id")
            .entity(String.class)
            .get();
    }

    private Response respond(String nhsNumber, String invitationId, String response, String appointmentAt) {
        Map<String, Object> input = new HashMap<>(Map.of("invitationId", invitationId, "response", response));
        if (appointmentAt != null) {
            input.put("appointmentAt", appointmentAt);
        }
        return as(IdentityProviders.patientToken(nhsNumber)).documentName("patient-app/RespondToInvitation")
            .variable("input", input)
            .execute();
    }

}
