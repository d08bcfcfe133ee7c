package org.cancerplan.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PatientApiTest extends ApiTest {

    private static final String ME = "{ me { nhsNumber givenName familyName dateOfBirth postcode } }";
    private static final String PATIENT = "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber familyName } }";

    @Test
    void theContractRegistrationAddsThePatientAndAResendChangesNothing() {
        String feed = IdentityProviders.integrationToken("patients:write");
        Map<String, Object> variables = Contract.variables("integration/RegisterPatients");

        Response first = graphql.post(feed, Contract.operation("integration/RegisterPatients"), variables);
        Response again = graphql.post(feed, "mutation($input: RegisterPatientsInput!) { registerPatients(input: "
                + "$input) { registered updated unchanged errors { code } } }", variables);

        // other tests may have registered the contract's patient already; the resend changes nothing either way
        assertThat(first.data("registerPatients/errors")).isEmpty();
        assertThat(first.data("registerPatients/registered").asInt() + first.data("registerPatients/updated").asInt())
                .isLessThanOrEqualTo(1);
        assertThat(again.data("registerPatients/registered").asInt()).isZero();
        assertThat(again.data("registerPatients/updated").asInt()).isZero();
        assertThat(again.data("registerPatients/unchanged").asInt()).isEqualTo(1);
        Response read = graphql.post(IdentityProviders.patientToken("9434765919"), ME);
        assertThat(read.data("me/familyName").asString()).isEqualTo("Jones");
    }

    @Test
    void aPatientReadsOnlyTheirOwnRecord() {
        String nhsNumber = register("Ada", "Lovelace");
        register("Someone", "Else");

        Response response = graphql.post(IdentityProviders.patientToken(nhsNumber), ME);

        assertThat(response.hasErrors()).isFalse();
        assertThat(response.data("me/nhsNumber").asString()).isEqualTo(nhsNumber);
        assertThat(response.data("me/givenName").asString()).isEqualTo("Ada");
        assertThat(response.data("me/postcode").asString()).isEqualTo("E8 1AB");
    }

    @Test
    void aPatientNotYetRegisteredGetsNoRecord() {
        Response response = graphql.post(IdentityProviders.patientToken(TestNhsNumbers.next()), ME);

        assertThat(response.hasErrors()).isFalse();
        assertThat(response.data("me").isNull()).isTrue();
    }

    @Test
    void staffFindAPatientByNhsNumber() {
        String nhsNumber = register("Grace", "Hopper");

        Response response = graphql.post(IdentityProviders.staffToken("R1H", "R8000"), PATIENT, Map.of("n", nhsNumber));

        assertThat(response.data("patient/familyName").asString()).isEqualTo("Hopper");
    }

    @Test
    void aPatientCannotLookUpPatientsAndStaffHaveNoMe() {
        String nhsNumber = register("Mary", "Seacole");

        Response asPatient = graphql.post(IdentityProviders.patientToken(nhsNumber), PATIENT, Map.of("n", nhsNumber));
        Response asStaff = graphql.post(IdentityProviders.staffToken("R1H", "R8000"), ME);

        assertThat(asPatient.firstErrorClassification()).isEqualTo("FORBIDDEN");
        assertThat(asPatient.data("patient").isNull()).isTrue();
        assertThat(asStaff.firstErrorClassification()).isEqualTo("FORBIDDEN");
    }

    @Test
    void registeringNeedsAnIntegrationTokenWithTheScope() {
        String query = Contract.operation("integration/RegisterPatients");
        Map<String, Object> variables = registration(TestNhsNumbers.next(), "No", "Body");

        Response withoutScope = graphql.post(IdentityProviders.integrationToken("invitations:write"), query, variables);
        Response asPatient = graphql.post(IdentityProviders.patientToken("9434765919"), query, variables);
        Response asStaff = graphql.post(IdentityProviders.staffToken("R1H", "R8000"), query, variables);

        for (Response refused : List.of(withoutScope, asPatient, asStaff)) {
            assertThat(refused.firstErrorClassification()).isEqualTo("FORBIDDEN");
            assertThat(refused.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
        }
        Response lookup = graphql.post(IdentityProviders.staffToken("R1H", "R8000"), PATIENT,
                Map.of("n", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) variables.get("input")).get("patients")).get(0))
                        .get("nhsNumber")));
        assertThat(lookup.data("patient").isNull()).isTrue();
    }

    @Test
    void eachInvalidRecordIsReportedByFieldWhileValidOnesAreSaved() {
        String good = TestNhsNumbers.next();
        List<Map<String, Object>> records = List.of(
                record(good, "Valid", "Person"),
                Map.of("nhsNumber", "9434765918", "givenName", "Bad", "familyName", "Check",
                        "dateOfBirth", "1970-01-01"),
                Map.of("nhsNumber", TestNhsNumbers.next(), "givenName", " ", "familyName", "Future",
                        "dateOfBirth", "2999-01-01", "postcode", "NOT A POSTCODE"));

        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", records)));

        assertThat(response.data("registerPatients/registered").asInt()).isEqualTo(1);
        assertThat(fields(response.data("registerPatients/errors"))).containsExactly("patients[1].nhsNumber",
                "patients[2].givenName", "patients[2].dateOfBirth", "patients[2].postcode");
        assertThat(response.data("registerPatients/errors/0/code").asString()).isEqualTo("INVALID_NHS_NUMBER");
    }

    @Test
    void anUpdatedRecordChangesThePatient() {
        String nhsNumber = register("Florence", "Nightingale");
        Map<String, Object> changed = Map.of("input", Map.of("patients", List.of(Map.of("nhsNumber", nhsNumber,
                "givenName", "Florence", "familyName", "Nightingale-Smith", "dateOfBirth", "1960-05-12"))));

        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), changed);

        assertThat(response.data("registerPatients/updated").asInt()).isEqualTo(1);
        assertThat(graphql.post(IdentityProviders.patientToken(nhsNumber), ME).data("me/familyName").asString())
                .isEqualTo("Nightingale-Smith");
    }

    @Test
    void aBadNhsNumberArgumentIsAValidationErrorNamingTheVariable() {
        Response response = graphql.post(IdentityProviders.staffToken("R1H", "R8000"), PATIENT,
                Map.of("n", "1234567890"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.firstErrorClassification()).isEqualTo("ValidationError");
        assertThat(response.body().at("/errors/0/message").asString()).contains("'n'").contains("NHS number");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        List<Map<String, Object>> records = java.util.stream.IntStream.range(0, RegistrationRules.MAX_BATCH + 1)
                .mapToObj(i -> record(TestNhsNumbers.next(), "Many", "People")).toList();

        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), Map.of("input", Map.of("patients", records)));

        assertThat(response.data("registerPatients/registered").asInt()).isZero();
        assertThat(response.data("registerPatients/errors/0/code").asString()).isEqualTo("TOO_MANY_RECORDS");
    }

    private String register(String given, String family) {
        String nhsNumber = TestNhsNumbers.next();
        Response response = graphql.post(IdentityProviders.integrationToken("patients:write"),
                Contract.operation("integration/RegisterPatients"), registration(nhsNumber, given, family));
        assertThat(response.data("registerPatients/registered").asInt()).as(response.body().toString()).isEqualTo(1);
        return nhsNumber;
    }

    private static Map<String, Object> registration(String nhsNumber, String given, String family) {
        return Map.of("input", Map.of("patients", List.of(record(nhsNumber, given, family))));
    }

    private static Map<String, Object> record(String nhsNumber, String given, String family) {
        return Map.of("nhsNumber", nhsNumber, "givenName", given, "familyName", family, "dateOfBirth", "1960-05-12",
                "postcode", "e81ab", "lsoaCode", "E01001711", "gpPracticeCode", "F84003");
    }

    private static List<String> fields(JsonNode errors) {
        return errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
