package org.cancerplan.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;
import static org.cancerplan.support.GraphQlResponses.json;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.cancerplan.support.ApiTest;
import org.cancerplan.support.Contract;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester.Response;

class PatientApiTest extends ApiTest {

    private static final String ME = "{ me { nhsNumber givenName familyName dateOfBirth postcode } }";

    private static final String PATIENT = "query($n: NhsNumber!) { patient(nhsNumber: $n) { nhsNumber familyName } }";

    private static final String REGISTER = "integration/RegisterPatients";

    @Test
    void theContractRegistrationAddsThePatientAndAResendChangesNothing() {
        String feed = IdentityProviders.integrationToken("patients:write");
        Map<String, Object> variables = Contract.variables(REGISTER);

        Response first = as(feed).documentName(REGISTER).variables(variables).execute();
        Response again = as(feed)
            .document("mutation($input: RegisterPatientsInput!) { registerPatients(input: "
                    + "$input) { registered updated unchanged errors { code } } }")
            .variables(variables)
            .execute();

        // other tests may have registered the contract's patient already; the resend
        // changes nothing either way
        first.path("registerPatients.errors").entityList(Object.class).hasSize(0);
        assertThat(first.path("registerPatients.registered").entity(Integer.class).get()
                + first.path("registerPatients.updated").entity(Integer.class).get())
            .isLessThanOrEqualTo(1);
        again.path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("registerPatients.updated")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("registerPatients.unchanged")
            .entity(Integer.class)
            .isEqualTo(1);
        as(IdentityProviders.patientToken("9434765919")).document(ME)
            .execute()
            .path("me.familyName")
            .entity(String.class)
            .isEqualTo("Jones");
    }

    @Test
    void aPatientReadsOnlyTheirOwnRecord() {
        String nhsNumber = register("Ada", "Lovelace");
        register("Someone", "Else");

        Response response = as(IdentityProviders.patientToken(nhsNumber)).document(ME).execute();

        response.path("me.nhsNumber")
            .entity(String.class)
            .isEqualTo(nhsNumber)
            .path("me.givenName")
            .entity(String.class)
            .isEqualTo("Ada")
            .path("me.postcode")
            .entity(String.class)
            .isEqualTo("E8 1AB");
    }

    @Test
    void aPatientNotYetRegisteredGetsNoRecord() {
        Response response = as(IdentityProviders.patientToken(TestNhsNumbers.next())).document(ME).execute();

        response.path("me").valueIsNull();
    }

    @Test
    void staffFindAPatientByNhsNumber() {
        String nhsNumber = register("Grace", "Hopper");

        Response response = as(IdentityProviders.staffToken("R1H", "R8000")).document(PATIENT)
            .variable("n", nhsNumber)
            .execute();

        response.path("patient.familyName").entity(String.class).isEqualTo("Hopper");
    }

    @Test
    void aPatientCannotLookUpPatientsAndStaffHaveNoMe() {
        String nhsNumber = register("Mary", "Seacole");

        Response asPatient = as(IdentityProviders.patientToken(nhsNumber)).document(PATIENT)
            .variable("n", nhsNumber)
            .execute();
        Response asStaff = as(IdentityProviders.staffToken("R1H", "R8000")).document(ME).execute();

        assertThat(firstError(asPatient).getExtensions()).containsEntry("classification", "FORBIDDEN");
        asPatient.path("patient").valueIsNull();
        assertThat(firstError(asStaff).getExtensions()).containsEntry("classification", "FORBIDDEN");
    }

    @Test
    void registeringNeedsAnIntegrationTokenWithTheScope() {
        Map<String, Object> variables = registration(TestNhsNumbers.next(), "No", "Body");

        Response withoutScope = as(IdentityProviders.integrationToken("invitations:write")).documentName(REGISTER)
            .variables(variables)
            .execute();
        Response asPatient = as(IdentityProviders.patientToken("9434765919")).documentName(REGISTER)
            .variables(variables)
            .execute();
        Response asStaff = as(IdentityProviders.staffToken("R1H", "R8000")).documentName(REGISTER)
            .variables(variables)
            .execute();

        for (Response refused : List.of(withoutScope, asPatient, asStaff)) {
            assertThat(firstError(refused).getExtensions()).containsEntry("classification", "FORBIDDEN");
            assertThat(json(refused)).doesNotContain("Exception").doesNotContain("at org.");
        }
        Response lookup = as(IdentityProviders.staffToken("R1H", "R8000")).document(PATIENT)
            .variable("n",
                    ((Map<?, ?>) ((List<?>) ((Map<?, ?>) variables.get("input")).get("patients")).get(0))
                        .get("nhsNumber"))
            .execute();
        lookup.path("patient").valueIsNull();
    }

    @Test
    void eachInvalidRecordIsReportedByFieldWhileValidOnesAreSaved() {
        String good = TestNhsNumbers.next();
        List<Map<String, Object>> records = List.of(record(good, "Valid", "Person"),
                Map.of("nhsNumber", "9434765918", "givenName", "Bad", "familyName", "Check", "dateOfBirth",
                        "1970-01-01"),
                Map.of("nhsNumber", TestNhsNumbers.next(), "givenName", " ", "familyName", "Future", "dateOfBirth",
                        "2999-01-01", "postcode", "NOT A POSTCODE"));

        Response response = as(IdentityProviders.integrationToken("patients:write")).documentName(REGISTER)
            .variable("input", Map.of("patients", records))
            .execute();

        response.path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1)
            .path("registerPatients.errors[*].field")
            .entityList(String.class)
            .containsExactly("patients[1].nhsNumber", "patients[2].givenName", "patients[2].dateOfBirth",
                    "patients[2].postcode")
            .path("registerPatients.errors[0].code")
            .entity(String.class)
            .isEqualTo("INVALID_NHS_NUMBER");
    }

    @Test
    void anUpdatedRecordChangesThePatient() {
        String nhsNumber = register("Florence", "Nightingale");
        Map<String, Object> changed = Map.of("input", Map.of("patients", List.of(Map.of("nhsNumber", nhsNumber,
                "givenName", "Florence", "familyName", "Nightingale-Smith", "dateOfBirth", "1960-05-12"))));

        Response response = as(IdentityProviders.integrationToken("patients:write")).documentName(REGISTER)
            .variables(changed)
            .execute();

        response.path("registerPatients.updated").entity(Integer.class).isEqualTo(1);
        as(IdentityProviders.patientToken(nhsNumber)).document(ME)
            .execute()
            .path("me.familyName")
            .entity(String.class)
            .isEqualTo("Nightingale-Smith");
    }

    @Test
    void aBadNhsNumberArgumentIsAValidationErrorNamingTheVariable() {
        // the tester takes only a 200 answer
        Response response = as(IdentityProviders.staffToken("R1H", "R8000")).document(PATIENT)
            .variable("n", "1234567890")
            .execute();

        assertThat(firstError(response).getExtensions()).containsEntry("classification", "ValidationError");
        assertThat(firstError(response).getMessage()).contains("'n'").contains("NHS number");
    }

    @Test
    void aBatchOverTheLimitIsRefusedWhole() {
        List<Map<String, Object>> records = IntStream.range(0, RegistrationRules.MAX_BATCH + 1)
            .mapToObj(i -> record(TestNhsNumbers.next(), "Many", "People"))
            .toList();

        Response response = as(IdentityProviders.integrationToken("patients:write")).documentName(REGISTER)
            .variable("input", Map.of("patients", records))
            .execute();

        response.path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(0)
            .path("registerPatients.errors[0].code")
            .entity(String.class)
            .isEqualTo("TOO_MANY_RECORDS");
    }

    private String register(String given, String family) {
        String nhsNumber = TestNhsNumbers.next();
        as(IdentityProviders.integrationToken("patients:write")).documentName(REGISTER)
            .variables(registration(nhsNumber, given, family))
            .execute()
            .path("registerPatients.registered")
            .entity(Integer.class)
            .isEqualTo(1);
        return nhsNumber;
    }

    private static Map<String, Object> registration(String nhsNumber, String given, String family) {
        return Map.of("input", Map.of("patients", List.of(record(nhsNumber, given, family))));
    }

    private static Map<String, Object> record(String nhsNumber, String given, String family) {
        return Map.of("nhsNumber", nhsNumber, "givenName", given, "familyName", family, "dateOfBirth", "1960-05-12",
                "postcode", "e81ab", "lsoaCode", "E01001711", "gpPracticeCode", "F84003");
    }

}
