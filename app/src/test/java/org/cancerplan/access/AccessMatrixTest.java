package org.cancerplan.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
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

/**
 * Every operation against every kind of principal, over HTTP with real tokens: the outcome, and exactly the audit
 * events it leaves. Each feature adds its contract operations here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends ApiTest {

    /** The patient whose record is at stake, and another registered patient. */
    static final String SUBJECT = TestNhsNumbers.next();
    static final String OTHER = TestNhsNumbers.next();

    enum Principal {
        PATIENT_P9, PATIENT_P5, OTHER_PATIENT, STAFF_CLINICAL, STAFF_NON_CLINICAL, STAFF_ADMIN, INTEGRATION_IN_SCOPE,
        INTEGRATION_OTHER_SCOPES, NO_TOKEN, EXPIRED_TOKEN
    }

    enum Outcome { DATA, FORBIDDEN, UNAUTHORIZED }

    /** An audit event as the matrix expects it: action, outcome and patient ({@code null} when none is named). */
    record Event(String action, String outcome, String patient) {
        static Event allowed(String action, String patient) {
            return new Event(action, "ALLOWED", patient);
        }

        static Event denied(String action, String patient) {
            return new Event(action, "DENIED", patient);
        }
    }

    record Operation(String name, String query, Function<String, Map<String, Object>> variables) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Operation ME = new Operation("me", "{ me { nhsNumber } }", n -> Map.of());
    static final Operation PATIENT = new Operation("patient(nhsNumber:)",
            "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber } }", n -> Map.of("n", SUBJECT));
    static final Operation REGISTER = new Operation("integration/RegisterPatients",
            Contract.operation("integration/RegisterPatients"), AccessMatrixTest::registration);
    static final Operation ACCESS_LOG = new Operation("patient-app/MyAccessLog",
            Contract.operation("patient-app/MyAccessLog"), n -> Contract.variables("patient-app/MyAccessLog"));

    @Autowired
    MongoTemplate mongo;

    @BeforeAll
    void registerThePatients() {
        graphql = new org.cancerplan.support.GraphQlHttp(port);
        for (String nhsNumber : List.of(SUBJECT, OTHER)) {
            Response response = graphql.post(IdentityProviders.integrationToken("patients:write"), REGISTER.query(),
                    registration(nhsNumber));
            assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Principal principal : Principal.values()) {
            rows.add(Arguments.of(ME, principal, meOutcome(principal), meEvents(principal)));
            rows.add(Arguments.of(PATIENT, principal, patientOutcome(principal), patientEvents(principal)));
            rows.add(Arguments.of(REGISTER, principal, registerOutcome(principal), registerEvents(principal)));
            rows.add(Arguments.of(ACCESS_LOG, principal, accessLogOutcome(principal), accessLogEvents(principal)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void outcomeAndAudit(Operation operation, Principal principal, Outcome expected, List<Event> expectedEvents) {
        String fresh = TestNhsNumbers.next();
        String correlationId = "matrix-" + UUID.randomUUID();

        Response response = graphql.post(token(principal), operation.query(), operation.variables().apply(fresh),
                correlationId);

        switch (expected) {
            case UNAUTHORIZED -> {
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.body().isEmpty()).isTrue();
            }
            case FORBIDDEN -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.firstErrorClassification()).as(response.body().toString()).isEqualTo("FORBIDDEN");
                assertThat(response.body().toString()).doesNotContain(SUBJECT).doesNotContain("Exception");
            }
            case DATA -> {
                assertThat(response.hasErrors()).as(response.body().toString()).isFalse();
                assertOwnDataOnly(operation, principal, response);
            }
        }
        List<Event> expectedWithFresh = expectedEvents.stream()
                .map(e -> "FRESH".equals(e.patient()) ? new Event(e.action(), e.outcome(), fresh) : e).toList();
        assertThat(auditEvents(correlationId)).containsExactlyInAnyOrderElementsOf(expectedWithFresh);
    }

    private static void assertOwnDataOnly(Operation operation, Principal principal, Response response) {
        if (operation == ME) {
            assertThat(response.data("me/nhsNumber").asString()).isEqualTo(principal == Principal.OTHER_PATIENT
                    ? OTHER : SUBJECT);
        }
        if (operation == PATIENT) {
            assertThat(response.data("patient/nhsNumber").asString()).isEqualTo(SUBJECT);
        }
        if (operation == REGISTER) {
            assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        }
    }

    private static Outcome meOutcome(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5, OTHER_PATIENT -> Outcome.DATA;
            case NO_TOKEN, EXPIRED_TOKEN -> Outcome.UNAUTHORIZED;
            default -> Outcome.FORBIDDEN;
        };
    }

    private static List<Event> meEvents(Principal p) {
        return switch (p) {
            case PATIENT_P9, PATIENT_P5 -> List.of(Event.allowed("PATIENT_READ", SUBJECT));
            case OTHER_PATIENT -> List.of(Event.allowed("PATIENT_READ", OTHER));
            case NO_TOKEN, EXPIRED_TOKEN -> List.of();
            default -> List.of(Event.denied("PATIENT_READ", null));
        };
    }

    private static Outcome patientOutcome(Principal p) {
        return switch (p) {
            case STAFF_CLINICAL -> Outcome.DATA;
            case NO_TOKEN, EXPIRED_TOKEN -> Outcome.UNAUTHORIZED;
            default -> Outcome.FORBIDDEN;
        };
    }

    private static List<Event> patientEvents(Principal p) {
        return switch (p) {
            case STAFF_CLINICAL -> List.of(Event.allowed("PATIENT_READ", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> List.of();
            default -> List.of(Event.denied("PATIENT_READ", SUBJECT));
        };
    }

    private static Outcome registerOutcome(Principal p) {
        return switch (p) {
            case INTEGRATION_IN_SCOPE -> Outcome.DATA;
            case NO_TOKEN, EXPIRED_TOKEN -> Outcome.UNAUTHORIZED;
            default -> Outcome.FORBIDDEN;
        };
    }

    private static List<Event> registerEvents(Principal p) {
        return switch (p) {
            case INTEGRATION_IN_SCOPE -> List.of(Event.allowed("PATIENT_REGISTERED", "FRESH"));
            case NO_TOKEN, EXPIRED_TOKEN -> List.of();
            default -> List.of(Event.denied("PATIENTS_REGISTER", null));
        };
    }

    private static Outcome accessLogOutcome(Principal p) {
        return switch (p) {
            case PATIENT_P9, OTHER_PATIENT -> Outcome.DATA;
            case NO_TOKEN, EXPIRED_TOKEN -> Outcome.UNAUTHORIZED;
            default -> Outcome.FORBIDDEN;
        };
    }

    private static List<Event> accessLogEvents(Principal p) {
        return switch (p) {
            case PATIENT_P9 -> List.of(Event.allowed("PATIENT_READ", SUBJECT), Event.allowed("ACCESS_LOG_READ", SUBJECT));
            case OTHER_PATIENT -> List.of(Event.allowed("PATIENT_READ", OTHER), Event.allowed("ACCESS_LOG_READ", OTHER));
            case PATIENT_P5 -> List.of(Event.allowed("PATIENT_READ", SUBJECT), Event.denied("ACCESS_LOG_READ", SUBJECT));
            case NO_TOKEN, EXPIRED_TOKEN -> List.of();
            default -> List.of(Event.denied("PATIENT_READ", null));
        };
    }

    private static String token(Principal principal) {
        return switch (principal) {
            case PATIENT_P9 -> IdentityProviders.patientToken(SUBJECT, "P9");
            case PATIENT_P5 -> IdentityProviders.patientToken(SUBJECT, "P5");
            case OTHER_PATIENT -> IdentityProviders.patientToken(OTHER, "P9");
            case STAFF_CLINICAL -> IdentityProviders.staffToken("R1H", "R8000");
            case STAFF_NON_CLINICAL -> IdentityProviders.staffToken("R1H", "R8009");
            case STAFF_ADMIN -> IdentityProviders.staffToken("Y01234", "R8013");
            case INTEGRATION_IN_SCOPE -> IdentityProviders.integrationToken("patients:write");
            case INTEGRATION_OTHER_SCOPES -> IdentityProviders.integrationToken("invitations:write", "results:write",
                    "reports:read");
            case NO_TOKEN -> null;
            case EXPIRED_TOKEN -> IdentityProviders.token(IdentityProviders.PATIENT, "p", IdentityProviders.AUDIENCE,
                    Map.of("nhs_number", SUBJECT, "identity_proofing_level", "P9"), -600);
        };
    }

    private List<Event> auditEvents(String correlationId) {
        return mongo.find(Query.query(Criteria.where("correlationId").is(correlationId)), org.bson.Document.class,
                "auditEvents").stream()
                .map(d -> new Event(d.getString("action"), d.getString("outcome"), d.getString("patientNhsNumber")))
                .toList();
    }

    static Map<String, Object> registration(String nhsNumber) {
        Map<String, Object> record = new HashMap<>(Map.of("nhsNumber", nhsNumber, "givenName", "Matrix",
                "familyName", "Patient", "dateOfBirth", "1966-03-03"));
        return Map.of("input", Map.of("patients", List.of(record)));
    }
}
