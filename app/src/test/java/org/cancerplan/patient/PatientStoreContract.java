package org.cancerplan.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.cancerplan.security.Caller;
import org.cancerplan.support.TestNhsNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * What the patient feature needs of its store, run against each store the service
 * supports: the embedded server and a real MongoDB.
 */
abstract class PatientStoreContract {

    @Autowired
    PatientRepository repository;

    @Autowired
    PatientService service;

    private final Caller feed = Caller.integration("store-test", Set.of(PatientService.WRITE_SCOPE));

    @Test
    void nhsNumbersAreUnique() {
        String nhsNumber = TestNhsNumbers.next();
        repository.insert(Patient.registered(registration(nhsNumber, "One"), Instant.now()));

        assertThatThrownBy(() -> repository.insert(Patient.registered(registration(nhsNumber, "Two"), Instant.now())))
            .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aStaleCopyCannotOverwriteANewerOne() {
        String nhsNumber = TestNhsNumbers.next();
        Patient saved = repository.insert(Patient.registered(registration(nhsNumber, "First"), Instant.now()));
        repository.save(saved.updatedWith(registration(nhsNumber, "Second"), Instant.now()));

        assertThatThrownBy(() -> repository.save(saved.updatedWith(registration(nhsNumber, "Stale"), Instant.now())))
            .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(repository.findByNhsNumber(nhsNumber)).get().extracting(Patient::familyName).isEqualTo("Second");
    }

    @Test
    void registeringIsIdempotentByNhsNumber() {
        String nhsNumber = TestNhsNumbers.next();
        List<PatientRegistration> batch = List.of(registration(nhsNumber, "Same"));

        RegistrationResult first = service.register(feed, batch, null);
        RegistrationResult second = service.register(feed, batch, null);

        assertThat(first.registered()).isEqualTo(1);
        assertThat(second.registered()).isZero();
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(repository.findByNhsNumberIn(List.of(nhsNumber))).hasSize(1);
    }

    @Test
    void aBatchIsReadInOneQuery() {
        String a = TestNhsNumbers.next();
        String b = TestNhsNumbers.next();
        service.register(feed, List.of(registration(a, "A"), registration(b, "B")), null);

        assertThat(repository.findByNhsNumberIn(List.of(a, b, TestNhsNumbers.next()))).extracting(Patient::nhsNumber)
            .containsExactlyInAnyOrder(a, b);
    }

    private static PatientRegistration registration(String nhsNumber, String familyName) {
        return new PatientRegistration(nhsNumber, "Test", familyName, LocalDate.of(1970, 1, 1), "E8 1AB", "E01001711",
                "F84003");
    }

}
