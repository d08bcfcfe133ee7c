package org.cancerplan.local;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.patient.RegistrationResult;
import org.cancerplan.lead.LeadInputs.AssignNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadInputs.ContactInput;
import org.cancerplan.lead.LeadInputs.NeighbourhoodLeadPayload;
import org.cancerplan.lead.LeadInputs.RegisterNeighbourhoodLeadInput;
import org.cancerplan.lead.LeadService;
import org.cancerplan.plan.PlanInputs.CancerPlanPayload;
import org.cancerplan.plan.PlanInputs.FollowUpInput;
import org.cancerplan.plan.PlanInputs.IssueTreatmentSummaryInput;
import org.cancerplan.plan.PlanInputs.ReaccessPointInput;
import org.cancerplan.plan.PlanInputs.SurveillanceTestInput;
import org.cancerplan.plan.PlanInputs.TreatmentSummaryInput;
import org.cancerplan.plan.PlanParts.FollowUpKind;
import org.cancerplan.plan.PlanService;
import org.cancerplan.plan.TreatmentSummaries;
import org.cancerplan.screening.Lifecycle;
import org.cancerplan.screening.Programme;
import org.cancerplan.screening.ScreeningInputs.InvitationItem;
import org.cancerplan.screening.ScreeningInputs.IssueScreeningInvitationsInput;
import org.cancerplan.screening.ScreeningInputs.RespondToScreeningInvitationInput;
import org.cancerplan.screening.ScreeningService;
import org.springframework.data.domain.ScrollPosition;
import org.cancerplan.security.Caller;
import org.cancerplan.security.StaffPrivilege;
import org.cancerplan.shared.UserError;
import org.cancerplan.task.FollowUpRequests;
import org.cancerplan.task.TaskInputs.RequestFollowUpInput;
import org.cancerplan.task.TaskParts.FollowUpReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo data on the first start of the local mode only; a marker document
 * records that it was done, so what a user changes or deletes afterwards stays as they
 * left it.
 */
@Component
@Profile(LocalMode.PROFILE)
class DemoData {

    static final String MARKER_COLLECTION = "localDemoData";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private static final Caller SEEDER = Caller.support("local-demo-data");

    static final List<PatientRegistration> PATIENTS = List.of(
            new PatientRegistration("9434765919", "Alex", "Jones", LocalDate.of(1961, 4, 12), "E8 1AB", "E01001711",
                    "F84003"),
            new PatientRegistration("9434765927", "Priya", "Shah", LocalDate.of(1974, 9, 3), "E5 8DJ", "E01001745",
                    "F84003"),
            new PatientRegistration("9434765935", "Jo", "Brown", LocalDate.of(1958, 1, 27), "N16 7UJ", "E01001782",
                    "F84017"),
            new PatientRegistration("9434765943", "Chris", "Evans", LocalDate.of(1949, 6, 30), "E9 6PX", "E01001810",
                    "F84017"));

    /**
     * The demo consultant, who opens and keeps the demo plans (so their audit trail reads
     * naturally).
     */
    private static final Caller CONSULTANT = Caller.staff("dr-khan", "Dr Aisha Khan", "R1H", "S8000:G8000:R8000",
            Set.of(StaffPrivilege.CLINICAL));

    /** The demo service administrator, who keeps the lead directory. */
    private static final Caller ADMIN = Caller.staff("admin-lee", "Sam Lee", "Y01234", "S8000:G8000:R8013",
            Set.of(StaffPrivilege.ADMIN));

    private final PatientService patients;

    private final PlanService plans;

    private final LeadService leads;

    private final ScreeningService screening;

    private final TreatmentSummaries summaries;

    private final FollowUpRequests followUps;

    private final MongoTemplate mongo;

    private final Clock clock;

    DemoData(PatientService patients, PlanService plans, LeadService leads, ScreeningService screening,
            TreatmentSummaries summaries, FollowUpRequests followUps, MongoTemplate mongo, Clock clock,
            Environment environment) {
        LocalMode.requireLocalProfile(environment);
        this.summaries = summaries;
        this.followUps = followUps;
        this.screening = screening;
        this.patients = patients;
        this.plans = plans;
        this.leads = leads;
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Morgan Ellis (who signs in as lead-ellis) is the lead of Alex's plan; returns its
     * new version.
     */
    private long seedLead(DemoPlans.Seeded alexsPlan) {
        NeighbourhoodLeadPayload lead = leads.register(ADMIN,
                new RegisterNeighbourhoodLeadInput("Morgan Ellis", "Cancer care coordinator", "Y01234", "Hackney North",
                        60, new ContactInput("020 7946 0200", "morgan.ellis@example.nhs.uk"), "lead-ellis", null));
        CancerPlanPayload assigned = leads.assign(CONSULTANT, new AssignNeighbourhoodLeadInput(alexsPlan.planId(),
                alexsPlan.version(), lead.lead().id(), "End of treatment handover", null, null));
        if (!lead.errors().isEmpty() || !assigned.errors().isEmpty()) {
            throw new IllegalStateException("Demo lead refused: " + lead.errors() + assigned.errors());
        }
        return assigned.plan().getVersion();
    }

    /**
     * After treatment: Alex has an end-of-treatment summary with patient-initiated
     * follow-up and has asked about a new symptom (an urgent task on Morgan Ellis's
     * worklist), and the holistic needs assessment asked at diagnosis is due. Jo's
     * summary was issued with no lead named, which asks R1H's admins to name one.
     */
    private void seedCareAfterTreatment(String alexsPlan, long version, String josPlan) {
        LocalDate today = LocalDate.now(clock);
        TreatmentSummaryInput summary = new TreatmentSummaryInput(
                List.of("Tiredness, which may last some months", "Changes in bowel habit"),
                List.of("Bleeding from the back passage", "Unexplained weight loss",
                        "A lump or swelling near the scar"),
                new ReaccessPointInput("Colorectal clinical nurse specialists", "020 7946 0101",
                        "Monday to Friday, 9:00 to 17:00"),
                List.of("Review blood pressure at each visit", "Refer back if any red-flag symptom appears"), null);
        check(summaries
            .issue(CONSULTANT,
                    new IssueTreatmentSummaryInput(alexsPlan, version, summary,
                            new FollowUpInput(FollowUpKind.PATIENT_INITIATED, today.plusYears(2), null,
                                    List.of(new SurveillanceTestInput("CEA blood test", today.plusMonths(6)))),
                            null))
            .errors());
        check(summaries
            .issue(CONSULTANT,
                    new IssueTreatmentSummaryInput(josPlan, 2L, summary,
                            new FollowUpInput(FollowUpKind.SCHEDULED, null, today.plusMonths(3), List.of()), null))
            .errors());
        Caller alex = Caller.patient("alex", "Alex Jones", "9434765919", "P9");
        check(followUps
            .request(alex,
                    new RequestFollowUpInput(alexsPlan, FollowUpReason.NEW_SYMPTOM,
                            "A lump near the scar since last week", null))
            .errors());
    }

    private static void check(List<UserError> errors) {
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Demo care after treatment refused: " + errors);
        }
    }

    /**
     * Alex and Jo are invited to bowel and breast screening; Priya has booked cervical
     * screening.
     */
    private void seedInvitations() {
        LocalDate today = LocalDate.now(clock);
        Caller feed = Caller.integration("screening-feed", Set.of("invitations:write"));
        var issued = screening.issue(feed,
                new IssueScreeningInvitationsInput(List.of(
                        new InvitationItem("BCSS-DEMO-0001", "9434765919", Programme.BOWEL, today.minusDays(3),
                                today.plusDays(60), null),
                        new InvitationItem("BSS-DEMO-0001", "9434765935", Programme.BREAST, today.minusDays(5),
                                today.plusDays(45), null),
                        new InvitationItem("CSAS-DEMO-0001", "9434765927", Programme.CERVICAL, today.minusDays(10),
                                today.plusDays(50), null)),
                        null));
        if (!issued.errors().isEmpty()) {
            throw new IllegalStateException("Demo invitations refused: " + issued.errors());
        }
        Caller priya = Caller.patient("priya", "Priya Shah", "9434765927", "P9");
        String invitation = screening.invitationsOf(priya, "9434765927", ScrollPosition.keyset(), 1)
            .getContent()
            .get(0)
            .getId();
        screening.respond(priya,
                new RespondToScreeningInvitationInput(invitation, Lifecycle.Response.BOOK,
                        OffsetDateTime.now(clock).plusDays(14).withHour(9).withMinute(30).withSecond(0).withNano(0),
                        "Homerton Hospital, Women's Health", null));
    }

    /** Seeds unless done before; returns whether it seeded. */
    boolean seedOnce() {
        if (mongo.getCollection(MARKER_COLLECTION).countDocuments() > 0) {
            return false;
        }
        RegistrationResult result = patients.register(SEEDER, PATIENTS, null);
        if (!result.errors().isEmpty()) {
            throw new IllegalStateException("Demo data refused: " + result.errors());
        }
        DemoPlans.Seeded alexsPlan = DemoPlans.seed(plans, CONSULTANT);
        long version = seedLead(alexsPlan);
        seedInvitations();
        seedCareAfterTreatment(alexsPlan.planId(), version, alexsPlan.josPlanId());
        mongo.getCollection(MARKER_COLLECTION)
            .insertOne(new Document("_id", "seeded").append("at", clock.instant().toString())
                .append("patients", PATIENTS.size()));
        log.info("Demo data seeded: {} patients, {} plans, 1 neighbourhood lead, 3 screening invitations, "
                + "2 treatment summaries, 1 follow-up request", PATIENTS.size(), DemoPlans.COUNT);
        return true;
    }

}
