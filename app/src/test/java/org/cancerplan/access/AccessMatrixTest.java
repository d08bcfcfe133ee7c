package org.cancerplan.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlTesters;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.MessageDocuments;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

/**
 * Every operation against every kind of principal, over HTTP with real tokens: the
 * outcome, and exactly the audit events it leaves. The subject has an active plan whose
 * care team is the clinical staff member's organisation. Each feature adds its contract
 * operations here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends ApiTest {

    static final String SUBJECT = TestNhsNumbers.next();
    static final String OTHER = TestNhsNumbers.next();
    static final String CARE_ORGANISATION = "R1H";

    enum Principal {

        PATIENT_P9, PATIENT_P5, OTHER_PATIENT, STAFF_IN_CARE, STAFF_NOT_IN_CARE, STAFF_NON_CLINICAL, STAFF_ADMIN,
        /**
         * A neighbourhood lead: the lead of the other patient's plan, not in the
         * subject's care.
         */
        LEAD, INTEGRATION_PATIENTS_WRITE, INTEGRATION_OTHER_SCOPES, NO_TOKEN, EXPIRED_TOKEN

    }

    enum Outcome {

        DATA, NOT_FOUND, FORBIDDEN, UNAUTHORIZED

    }

    /**
     * An audit event: action, outcome and patient ({@code null} when none is named, FRESH
     * for a new patient).
     */
    record Event(String action, String outcome, String patient) {
    }

    record Expected(Outcome outcome, List<Event> events) {
    }

    /**
     * An operation and what it should do; {@code consequences} are audit actions it may
     * also cause depending on the plan's state (tasks raised, moved or closed,
     * assessments scheduled), which the comparison ignores.
     */
    record Operation(String name, String query, BiFunction<AccessMatrixTest, String, Map<String, Object>> variables,
            Function<Principal, Expected> expected, Set<String> consequences) {

        Operation(String name, String query, BiFunction<AccessMatrixTest, String, Map<String, Object>> variables,
                Function<Principal, Expected> expected) {
            this(name, query, variables, expected, Set.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Autowired
    MongoTemplate mongo;

    private String planId;

    private String leadA;

    private String leadB;

    private String otherPatientsLead;

    @BeforeAll
    void registerThePatientsAndOpenThePlan() {
        graphql = GraphQlTesters.http(port); // before the first test, as the testers of
                                             // each test are made
        register(SUBJECT);
        register(OTHER);
        Map<String, Object> create = input("staff/CreatePlan");
        create.put("nhsNumber", SUBJECT);
        planId = as(token(Principal.STAFF_IN_CARE)).documentName("staff/CreatePlan")
            .variable("input", create)
            .execute()
            .path("createCancerPlan.plan.id")
            .entity(String.class)
            .get();
        activate(planId);
        issueTreatmentSummary(planId);
        leadA = registerLead("Matrix Lead A", null);
        leadB = registerLead("Matrix Lead B", null);
        otherPatientsLead = registerLead("Matrix Lead", "staff-Matrix-Lead");
        Map<String, Object> createOther = input("staff/CreatePlan");
        createOther.put("nhsNumber", OTHER);
        createOther.remove("clientMutationId");
        String otherPlan = as(token(Principal.STAFF_IN_CARE)).documentName("staff/CreatePlan")
            .variable("input", createOther)
            .execute()
            .path("createCancerPlan.plan.id")
            .entity(String.class)
            .get();
        Map<String, Object> assign = input("staff/AssignLead");
        assign.putAll(Map.of("planId", otherPlan, "expectedVersion", 1, "leadId", otherPatientsLead));
        as(token(Principal.STAFF_IN_CARE)).documentName("staff/AssignLead")
            .variable("input", assign)
            .execute()
            .path("assignNeighbourhoodLead.errors")
            .entityList(Object.class)
            .hasSize(0);
        activate(otherPlan);
        issueTreatmentSummary(otherPlan);
        requestFollowUp(IdentityProviders.patientToken(OTHER), otherPlan);
    }

    private void activate(String plan) {
        as(token(Principal.STAFF_IN_CARE))
            .document("mutation($i: UpdateCancerPlanInput!) { updateCancerPlan(input: $i) { errors { code } } }")
            .variable("i", Map.of("planId", plan, "expectedVersion", versionOf(plan), "status", "ACTIVE"))
            .execute()
            .path("updateCancerPlan.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    /** The contract's summary, with patient-initiated follow-up. */
    private void issueTreatmentSummary(String plan) {
        Map<String, Object> input = input("staff/IssueTreatmentSummary");
        input.put("planId", plan);
        input.put("expectedVersion", versionOf(plan));
        input.put("clientMutationId", "matrix-summary-" + plan);
        as(token(Principal.STAFF_IN_CARE)).documentName("staff/IssueTreatmentSummary")
            .variable("input", input)
            .execute()
            .path("issueTreatmentSummary.errors")
            .entityList(Object.class)
            .hasSize(0);
    }

    /** The contract's follow-up request on the plan; returns the task it raised. */
    private String requestFollowUp(String patientToken, String plan) {
        Map<String, Object> input = input("patient-app/RequestFollowUp");
        input.put("planId", plan);
        input.put("clientMutationId", "matrix-" + UUID.randomUUID());
        return as(patientToken).documentName("patient-app/RequestFollowUp")
            .variable("input", input)
            .execute()
            .path("requestFollowUp.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("requestFollowUp.request.id")
            .entity(String.class)
            .get();
    }

    private String registerLead(String name, String staffId) {
        Map<String, Object> input = input("staff/RegisterLead");
        input.put("name", name);
        input.put("staffId", staffId);
        return as(token(Principal.STAFF_ADMIN)).documentName("staff/RegisterLead")
            .variable("input", input)
            .execute()
            .path("registerNeighbourhoodLead.lead.id")
            .entity(String.class)
            .get();
    }

    static List<Operation> operations() {
        return List.of(new Operation("me", "{ me { nhsNumber } }", (t, fresh) -> Map.of(), AccessMatrixTest::me),
                new Operation("patient(nhsNumber:)", "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }",
                        (t, fresh) -> Map.of("n", SUBJECT), AccessMatrixTest::patient),
                new Operation("integration/RegisterPatients", Contract.operation("integration/RegisterPatients"),
                        (t, fresh) -> registration(fresh), AccessMatrixTest::register),
                new Operation("patient-app/MyAccessLog", Contract.operation("patient-app/MyAccessLog"),
                        (t, fresh) -> Contract.variables("patient-app/MyAccessLog"), AccessMatrixTest::accessLog),
                new Operation("me { cancerPlan }", "{ me { cancerPlan { id } } }", (t, fresh) -> Map.of(),
                        AccessMatrixTest::myPlan),
                new Operation("patient { cancerPlan }",
                        "query($n: NhsNumber!) { patient(nhsNumber: $n) { cancerPlan { id } } }",
                        (t, fresh) -> Map.of("n", SUBJECT), AccessMatrixTest::staffPlan),
                new Operation("staff/CreatePlan", Contract.operation("staff/CreatePlan"),
                        AccessMatrixTest::createPlanFor, AccessMatrixTest::createPlan),
                new Operation("staff/UpdatePlan", Contract.operation("staff/UpdatePlan"),
                        (t, fresh) -> t.onCurrentPlan("staff/UpdatePlan"), p -> change(p, "PLAN_UPDATED")),
                new Operation("staff/RecordPathwayEvent", Contract.operation("staff/RecordPathwayEvent"),
                        (t, fresh) -> t.onCurrentPlan("staff/RecordPathwayEvent"),
                        p -> change(p, "PLAN_PATHWAY_RECORDED")),
                new Operation("staff/IssueTreatmentSummary", Contract.operation("staff/IssueTreatmentSummary"),
                        (t, fresh) -> t.onCurrentPlan("staff/IssueTreatmentSummary", "matrix-" + fresh),
                        p -> change(p, "PLAN_SUMMARY_ISSUED"), Set.of("TASK_RAISED", "ASSESSMENT_REQUESTED")),
                new Operation("patient-app/AcknowledgePlan", Contract.operation("patient-app/AcknowledgePlan"),
                        (t, fresh) -> t.onCurrentPlan("patient-app/AcknowledgePlan"), AccessMatrixTest::acknowledge),
                new Operation("staff/WaitingTimes", Contract.operation("staff/WaitingTimes"),
                        (t, fresh) -> Contract.variables("staff/WaitingTimes"), AccessMatrixTest::waitingTimes),
                new Operation("staff/RegisterLead", Contract.operation("staff/RegisterLead"),
                        (t, fresh) -> Map.of("input", withName(input("staff/RegisterLead"), "Lead " + fresh)),
                        AccessMatrixTest::registerLead),
                new Operation("staff/AssignLead", Contract.operation("staff/AssignLead"),
                        (t, fresh) -> t.assignTheOtherLead(), p -> careTeamOrAdmin(p, "PLAN_LEAD_ASSIGNED"),
                        Set.of("TASK_UPDATED")),
                new Operation("staff/LeadCaseload", Contract.operation("staff/LeadCaseload"),
                        (t, fresh) -> Map.of("leadId", t.otherPatientsLead, "first", 50), AccessMatrixTest::caseload),
                new Operation("integration/IssueInvitations", Contract.operation("integration/IssueInvitations"),
                        (t, fresh) -> invitationFor("BOWEL"), AccessMatrixTest::issueInvitations),
                new Operation("integration/RecordResult", Contract.operation("integration/RecordResult"),
                        (t, fresh) -> t.resultForAFreshInvitation(), AccessMatrixTest::recordResult),
                new Operation("patient-app/RespondToInvitation", Contract.operation("patient-app/RespondToInvitation"),
                        (t, fresh) -> t.bookingForAFreshInvitation(), AccessMatrixTest::respond),
                new Operation("patient-app/MyCare", Contract.operation("patient-app/MyCare"), (t, fresh) -> Map.of(),
                        AccessMatrixTest::myCare),
                new Operation("staff/PatientRecord", Contract.operation("staff/PatientRecord"),
                        (t, fresh) -> Map.of("nhsNumber", SUBJECT), AccessMatrixTest::patientRecord),
                new Operation("staff/ScreeningUptake", Contract.operation("staff/ScreeningUptake"),
                        (t, fresh) -> Contract.variables("staff/ScreeningUptake"), AccessMatrixTest::uptake),
                new Operation("patient-app/RequestFollowUp", Contract.operation("patient-app/RequestFollowUp"),
                        (t, fresh) -> t.onThePlan("patient-app/RequestFollowUp", "matrix-" + fresh),
                        AccessMatrixTest::requestFollowUp),
                new Operation("staff/LeadWorklist", Contract.operation("staff/LeadWorklist"),
                        (t, fresh) -> Map.of("leadId", t.otherPatientsLead, "first", 20), AccessMatrixTest::worklist),
                new Operation("staff/UpdateTask", Contract.operation("staff/UpdateTask"),
                        (t, fresh) -> t.startAFreshTask("matrix-" + fresh), p -> careTeamOrAdmin(p, "TASK_UPDATED")),
                new Operation("patient-app/MyFollowUp", Contract.operation("patient-app/MyFollowUp"),
                        (t, fresh) -> Map.of(), AccessMatrixTest::myFollowUp),
                new Operation("staff/RequestAssessment", Contract.operation("staff/RequestAssessment"),
                        (t, fresh) -> t.askForTheOnlyOpen("quality-of-life", "matrix-" + fresh),
                        p -> careTeamOrAdmin(p, "ASSESSMENT_REQUESTED")),
                new Operation("patient-app/SubmitAssessment", Contract.operation("patient-app/SubmitAssessment"),
                        (t, fresh) -> t.answerAFreshHolisticNeedsAssessment("matrix-" + fresh),
                        AccessMatrixTest::submitAssessment),
                new Operation("patient-app/MyMessages", Contract.operation("patient-app/MyMessages"),
                        (t, fresh) -> Map.of("first", 20), AccessMatrixTest::myMessages),
                new Operation("patient-app/MarkMessageRead", Contract.operation("patient-app/MarkMessageRead"),
                        (t, fresh) -> t.aFreshInvitationMessage(), AccessMatrixTest::markMessageRead));
    }

    static final Set<String> LEADS_OWN = Set.of("staff/LeadCaseload", "staff/LeadWorklist");

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Operation operation : operations()) {
            for (Principal principal : Principal.values()) {
                // a lead is clinical staff outside the subject's care, but for their own
                // caseload and worklist
                Principal role = principal == Principal.LEAD && !LEADS_OWN.contains(operation.name())
                        ? Principal.STAFF_NOT_IN_CARE : principal;
                rows.add(Arguments.of(operation, principal, operation.expected().apply(role)));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void outcomeAndAudit(Operation operation, Principal principal, Expected expected) {
        String fresh = TestNhsNumbers.next();
        Map<String, Object> variables = operation.variables().apply(this, fresh);
        String correlationId = "matrix-" + UUID.randomUUID();

        String token = token(principal);

        String body = "";
        if (expected.outcome() == Outcome.UNAUTHORIZED) {
            // refused before GraphQL: the GraphQL tester expects a 200
            http.post().headers(headers -> {
                if (token != null) {
                    headers.setBearerAuth(token);
                }
                headers.set("X-Correlation-Id", correlationId);
            })
                .bodyValue(Map.of("query", operation.query(), "variables", variables))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .isEmpty();
        }
        else {
            Response response = as(token).mutate()
                .header("X-Correlation-Id", correlationId)
                .build()
                .document(operation.query())
                .variables(variables)
                .execute();
            body = json(response);
            switch (expected.outcome()) {
                case FORBIDDEN -> {
                    assertThat(firstError(response).getExtensions()).containsEntry("classification", "FORBIDDEN");
                    assertThat(body).doesNotContain("Exception").doesNotContain(planId == null ? "-" : planId);
                }
                case NOT_FOUND -> response.path("$..code")
                    .entityList(String.class)
                    .contains("NOT_FOUND")
                    .path("$..version")
                    .pathDoesNotExist();
                case DATA -> {
                    response.path("$..errors[*]").pathDoesNotExist();
                    if (principal == Principal.OTHER_PATIENT) {
                        assertThat(body).doesNotContain(SUBJECT).doesNotContain(planId);
                    }
                }
            }
        }
        List<Event> expectedEvents = expected.events()
            .stream()
            .map(e -> "FRESH".equals(e.patient()) ? new Event(e.action(), e.outcome(), fresh) : e)
            .toList();
        List<Event> events = auditEvents(correlationId).stream()
            .filter(e -> !operation.consequences().contains(e.action()))
            .toList();
        assertThat(events).as(body).containsExactlyInAnyOrderElementsOf(expectedEvents);
    }

    // --- what each operation should do for each principal
    // --------------------------------------------------------

    private static Expected me(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5 -> data(allowed("PATIENT_READ", SUBJECT));
            case OTHER_PATIENT -> data(allowed("PATIENT_READ", OTHER));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    private static Expected patient(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE, STAFF_NOT_IN_CARE -> data(allowed("PATIENT_READ", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PATIENT_READ", SUBJECT));
        };
    }

    private static Expected register(Principal p) {
        return switch (p) {
            case INTEGRATION_PATIENTS_WRITE -> data(allowed("PATIENT_REGISTERED", "FRESH"));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PATIENTS_REGISTER", null));
        };
    }

    private static Expected accessLog(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("PATIENT_READ", SUBJECT), allowed("ACCESS_LOG_READ", SUBJECT));
            case OTHER_PATIENT -> data(allowed("PATIENT_READ", OTHER), allowed("ACCESS_LOG_READ", OTHER));
            case PATIENT_P5 -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("ACCESS_LOG_READ", SUBJECT));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    private static Expected myPlan(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("PATIENT_READ", SUBJECT), allowed("PLAN_READ", SUBJECT));
            case OTHER_PATIENT -> data(allowed("PATIENT_READ", OTHER), allowed("PLAN_READ", OTHER));
            case PATIENT_P5 -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("PLAN_READ", SUBJECT));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    private static Expected staffPlan(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE -> data(allowed("PATIENT_READ", SUBJECT), allowed("PLAN_READ", SUBJECT));
            case STAFF_NOT_IN_CARE -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("PLAN_READ", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PATIENT_READ", SUBJECT));
        };
    }

    private static Expected createPlan(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE, STAFF_NOT_IN_CARE -> data(allowed("PLAN_CREATED", "FRESH"));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PLAN_CREATED", "FRESH"));
        };
    }

    private static Expected change(Principal p, String action) {
        return switch (p) {
            case STAFF_IN_CARE -> data(allowed(action, SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied(action, SUBJECT));
        };
    }

    private static Expected acknowledge(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("PLAN_ACKNOWLEDGED", SUBJECT));
            case OTHER_PATIENT -> new Expected(Outcome.NOT_FOUND, List.of(denied("PLAN_ACKNOWLEDGED", SUBJECT)));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PLAN_ACKNOWLEDGED", SUBJECT));
        };
    }

    private static Expected waitingTimes(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE, STAFF_NOT_IN_CARE, STAFF_ADMIN, INTEGRATION_OTHER_SCOPES -> data();
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden();
        };
    }

    /**
     * The directory holds no patient's data: a refusal is audited naming none, an allowed
     * change is not.
     */
    private static Expected registerLead(Principal p) {
        return p == Principal.STAFF_ADMIN ? data() : refusedWithoutPatient(p, "LEAD_REGISTERED");
    }

    /** A change the care team, or staff with an admin role, make for the subject. */
    private static Expected careTeamOrAdmin(Principal p, String action) {
        return switch (p) {
            case STAFF_IN_CARE, STAFF_ADMIN -> data(allowed(action, SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied(action, SUBJECT));
        };
    }

    private static Expected caseload(Principal p) {
        return switch (p) {
            case LEAD, STAFF_ADMIN -> data(allowed("CASELOAD_READ", OTHER));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden();
        };
    }

    private static Expected issueInvitations(Principal p) {
        return switch (p) {
            case INTEGRATION_OTHER_SCOPES -> data(allowed("INVITATION_ISSUED", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("INVITATIONS_ISSUE", null));
        };
    }

    private static Expected recordResult(Principal p) {
        return switch (p) {
            case INTEGRATION_OTHER_SCOPES -> data(allowed("SCREENING_RESULT_RECORDED", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("SCREENING_RESULT_RECORDED", null));
        };
    }

    private static Expected respond(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5 -> data(allowed("INVITATION_RESPONDED", SUBJECT));
            case OTHER_PATIENT -> new Expected(Outcome.NOT_FOUND, List.of(denied("INVITATION_RESPONDED", SUBJECT)));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("INVITATION_RESPONDED", null));
        };
    }

    private static Expected myCare(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("PATIENT_READ", SUBJECT), allowed("PLAN_READ", SUBJECT),
                    allowed("INVITATIONS_READ", SUBJECT));
            case PATIENT_P5 -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("PLAN_READ", SUBJECT),
                    allowed("INVITATIONS_READ", SUBJECT));
            case OTHER_PATIENT ->
                data(allowed("PATIENT_READ", OTHER), allowed("PLAN_READ", OTHER), allowed("INVITATIONS_READ", OTHER));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    private static Expected patientRecord(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE -> data(allowed("PATIENT_READ", SUBJECT), allowed("PLAN_READ", SUBJECT),
                    allowed("INVITATIONS_READ", SUBJECT));
            case STAFF_NOT_IN_CARE -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("PLAN_READ", SUBJECT),
                    allowed("INVITATIONS_READ", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("PATIENT_READ", SUBJECT));
        };
    }

    private static Expected uptake(Principal p) {
        return switch (p) {
            case STAFF_IN_CARE, STAFF_NOT_IN_CARE, LEAD, STAFF_ADMIN, INTEGRATION_OTHER_SCOPES -> data();
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden();
        };
    }

    private static Expected requestFollowUp(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("FOLLOW_UP_REQUESTED", SUBJECT), allowed("TASK_RAISED", SUBJECT));
            case OTHER_PATIENT -> new Expected(Outcome.NOT_FOUND, List.of(denied("FOLLOW_UP_REQUESTED", SUBJECT)));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("FOLLOW_UP_REQUESTED", SUBJECT));
        };
    }

    private static Expected worklist(Principal p) {
        return switch (p) {
            case LEAD, STAFF_ADMIN -> data(allowed("TASKS_READ", OTHER));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden();
        };
    }

    private static Expected myFollowUp(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("PATIENT_READ", SUBJECT), allowed("PLAN_READ", SUBJECT),
                    allowed("ASSESSMENTS_DUE_READ", SUBJECT), allowed("FOLLOW_UP_REQUESTS_READ", SUBJECT));
            case OTHER_PATIENT -> data(allowed("PATIENT_READ", OTHER), allowed("PLAN_READ", OTHER),
                    allowed("ASSESSMENTS_DUE_READ", OTHER), allowed("FOLLOW_UP_REQUESTS_READ", OTHER));
            case PATIENT_P5 -> forbidden(allowed("PATIENT_READ", SUBJECT), denied("PLAN_READ", SUBJECT),
                    denied("ASSESSMENTS_DUE_READ", SUBJECT), denied("FOLLOW_UP_REQUESTS_READ", SUBJECT));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    /** P5 sees the messages about invitations and appointments only. */
    private static Expected myMessages(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5 -> data(allowed("PATIENT_READ", SUBJECT), allowed("MESSAGES_READ", SUBJECT));
            case OTHER_PATIENT -> data(allowed("PATIENT_READ", OTHER), allowed("MESSAGES_READ", OTHER));
            default -> refusedWithoutPatient(p, "PATIENT_READ");
        };
    }

    private static Expected markMessageRead(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5 -> data(allowed("MESSAGE_MARKED_READ", SUBJECT));
            case OTHER_PATIENT -> new Expected(Outcome.NOT_FOUND, List.of(denied("MESSAGE_MARKED_READ", SUBJECT)));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("MESSAGE_MARKED_READ", null));
        };
    }

    /**
     * The contract's answers score two concerns: the needs go on the plan and one task is
     * raised for them.
     */
    private static Expected submitAssessment(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> data(allowed("ASSESSMENT_SUBMITTED", SUBJECT), allowed("PLAN_NEEDS_REPORTED", SUBJECT),
                    allowed("TASK_RAISED", SUBJECT));
            case OTHER_PATIENT -> new Expected(Outcome.NOT_FOUND, List.of(denied("ASSESSMENT_SUBMITTED", SUBJECT)));
            case NO_TOKEN, EXPIRED_TOKEN -> unauthorized();
            default -> forbidden(denied("ASSESSMENT_SUBMITTED", SUBJECT));
        };
    }

    private static Expected refusedWithoutPatient(Principal p, String action) {
        return p == Principal.NO_TOKEN || p == Principal.EXPIRED_TOKEN ? unauthorized()
                : forbidden(denied(action, null));
    }

    private static Expected data(Event... events) {
        return new Expected(Outcome.DATA, List.of(events));
    }

    private static Expected forbidden(Event... events) {
        return new Expected(Outcome.FORBIDDEN, List.of(events));
    }

    private static Expected unauthorized() {
        return new Expected(Outcome.UNAUTHORIZED, List.of());
    }

    private static Event allowed(String action, String patient) {
        return new Event(action, "ALLOWED", patient);
    }

    private static Event denied(String action, String patient) {
        return new Event(action, "DENIED", patient);
    }

    // --- principals, variables and audit
    // ---------------------------------------------------------------------------

    private static String token(Principal principal) {
        return switch (principal) {
            case PATIENT_P9 -> IdentityProviders.patientToken(SUBJECT, "P9");
            case PATIENT_P5 -> IdentityProviders.patientToken(SUBJECT, "P5");
            case OTHER_PATIENT -> IdentityProviders.patientToken(OTHER, "P9");
            case STAFF_IN_CARE -> IdentityProviders.staffToken(CARE_ORGANISATION, "R8000");
            case STAFF_NOT_IN_CARE -> IdentityProviders.staffToken("RQX", "R8000");
            case STAFF_NON_CLINICAL -> IdentityProviders.staffToken(CARE_ORGANISATION, "R8009");
            case STAFF_ADMIN -> IdentityProviders.staffToken("Y01234", "R8013");
            case LEAD -> IdentityProviders.staffToken("Matrix Lead", "Y01234", "R8001");
            case INTEGRATION_PATIENTS_WRITE -> IdentityProviders.integrationToken("patients:write");
            case INTEGRATION_OTHER_SCOPES ->
                IdentityProviders.integrationToken("invitations:write", "results:write", "reports:read");
            case NO_TOKEN -> null;
            case EXPIRED_TOKEN -> IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.AUDIENCE,
                    Map.of("nhs_number", SUBJECT, "identity_proofing_level", "P9"), -600);
        };
    }

    /**
     * The contract operation's variables aimed at the subject's plan at its current
     * version.
     */
    private Map<String, Object> onCurrentPlan(String operation) {
        Map<String, Object> input = input(operation);
        input.put("planId", planId);
        input.put("expectedVersion", versionOf(planId));
        return Map.of("input", input);
    }

    private long versionOf(String plan) {
        Document stored = mongo.findById(new ObjectId(plan), Document.class, "cancerPlans");
        return ((Number) stored.get("revision")).longValue() + 1;
    }

    /**
     * The contract operation's input aimed at the subject's plan, which it does not
     * version.
     */
    private Map<String, Object> onThePlan(String operation, String clientMutationId) {
        Map<String, Object> input = input(operation);
        input.put("planId", planId);
        input.put("clientMutationId", clientMutationId);
        return Map.of("input", input);
    }

    /** UpdateTask starting a follow-up request the subject has just made. */
    private Map<String, Object> startAFreshTask(String clientMutationId) {
        Map<String, Object> input = input("staff/UpdateTask");
        input.put("taskId", requestFollowUp(token(Principal.PATIENT_P9), planId));
        input.put("expectedVersion", 1);
        input.put("status", "IN_PROGRESS");
        input.put("clientMutationId", clientMutationId);
        return Map.of("input", input);
    }

    /**
     * RequestAssessment of the questionnaire, the subject having none of it open (a
     * second is refused).
     */
    private Map<String, Object> askForTheOnlyOpen(String questionnaireId, String clientMutationId) {
        mongo.remove(Query.query(Criteria.where("planId")
            .is(planId)
            .and("questionnaireId")
            .is(questionnaireId)
            .and("status")
            .is("REQUESTED")), "assessments");
        Map<String, Object> input = onThePlan("staff/RequestAssessment", clientMutationId);
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) input.get("input");
        request.put("questionnaireId", questionnaireId);
        request.put("dueBy", LocalDate.now(ZoneId.of("Europe/London")).plusDays(10).toString());
        return input;
    }

    /**
     * The contract's answers to a holistic needs assessment just asked of the subject.
     */
    private Map<String, Object> answerAFreshHolisticNeedsAssessment(String clientMutationId) {
        String assessmentId = as(token(Principal.STAFF_IN_CARE)).documentName("staff/RequestAssessment")
            .variables(askForTheOnlyOpen("holistic-needs", "matrix-" + UUID.randomUUID()))
            .execute()
            .path("requestAssessment.errors")
            .entityList(Object.class)
            .hasSize(0)
            .path("requestAssessment.assessment.id")
            .entity(String.class)
            .get();
        Map<String, Object> input = input("patient-app/SubmitAssessment");
        input.put("assessmentId", assessmentId);
        input.put("clientMutationId", clientMutationId);
        return Map.of("input", input);
    }

    /**
     * As above, with a client mutation id of its own: the staff principals share one
     * subject, so the contract's id would have them replay each other's first answer.
     */
    private Map<String, Object> onCurrentPlan(String operation, String clientMutationId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>((Map<String, Object>) onCurrentPlan(operation).get("input"));
        input.put("clientMutationId", clientMutationId);
        return Map.of("input", input);
    }

    private static Map<String, Object> invitationFor(String programme) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        return Map.of("input",
                Map.of("invitations",
                        List.of(Map.of("externalId", "M-" + UUID.randomUUID(), "nhsNumber", SUBJECT, "programme",
                                programme, "invitedOn", today.toString(), "respondBy",
                                today.plusDays(60).toString()))));
    }

    private String issueFresh(String programme) {
        Map<String, Object> variables = invitationFor(programme);
        as(IdentityProviders.integrationToken("invitations:write")).documentName("integration/IssueInvitations")
            .variables(variables)
            .execute()
            .path("issueScreeningInvitations.issued")
            .entity(Integer.class)
            .isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> item = ((List<Map<String, Object>>) ((Map<String, Object>) variables.get("input"))
            .get("invitations")).get(0);
        return (String) item.get("externalId");
    }

    private Map<String, Object> resultForAFreshInvitation() {
        return Map.of("input", Map.of("externalId", issueFresh("BOWEL"), "outcome", "NORMAL", "recordedOn",
                LocalDate.now(ZoneId.of("Europe/London")).toString()));
    }

    /** A message to the subject about an invitation, not yet read. */
    private Map<String, Object> aFreshInvitationMessage() {
        ObjectId id = new ObjectId();
        mongo.insert(MessageDocuments.unreadInvitationMessage(id, SUBJECT, new Date()), "messages");
        return Map.of("input", Map.of("messageId", id.toHexString()));
    }

    private Map<String, Object> bookingForAFreshInvitation() {
        String externalId = issueFresh("BREAST");
        Document invitation = mongo.findOne(Query.query(Criteria.where("externalId").is(externalId)), Document.class,
                "screeningInvitations");
        return Map.of("input", Map.of("invitationId", invitation.getObjectId("_id").toHexString(), "response", "BOOK",
                "appointmentAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).toString()));
    }

    /**
     * AssignLead aimed at the subject's plan, naming whichever of the two leads it does
     * not have now.
     */
    private Map<String, Object> assignTheOtherLead() {
        Map<String, Object> variables = onCurrentPlan("staff/AssignLead");
        Document plan = mongo.findById(new ObjectId(planId), Document.class, "cancerPlans");
        Document current = plan.get("neighbourhoodLead", Document.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) variables.get("input");
        input.put("leadId", current != null && leadA.equals(current.getString("leadId")) ? leadB : leadA);
        return variables;
    }

    private static Map<String, Object> withName(Map<String, Object> input, String name) {
        input.put("name", name);
        return input;
    }

    private static Map<String, Object> createPlanFor(AccessMatrixTest test, String fresh) {
        test.register(fresh);
        Map<String, Object> input = input("staff/CreatePlan");
        input.put("nhsNumber", fresh);
        input.remove("clientMutationId");
        return Map.of("input", input);
    }

    private void register(String nhsNumber) {
        as(IdentityProviders.integrationToken("patients:write")).documentName("integration/RegisterPatients")
            .variables(registration(nhsNumber))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
    }

    private List<Event> auditEvents(String correlationId) {
        return mongo.find(Query.query(Criteria.where("correlationId").is(correlationId)), Document.class, "auditEvents")
            .stream()
            .map(d -> new Event(d.getString("action"), d.getString("outcome"), d.getString("patientNhsNumber")))
            .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(String operation) {
        return new HashMap<>((Map<String, Object>) Contract.variables(operation).get("input"));
    }

    static Map<String, Object> registration(String nhsNumber) {
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Matrix", "familyName",
                "Patient", "dateOfBirth", "1966-03-03"));
        return Map.of("input", Map.of("patients", List.of(record)));
    }

}
