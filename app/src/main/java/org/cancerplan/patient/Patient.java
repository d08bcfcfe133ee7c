package org.cancerplan.patient;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Sharded;
import org.springframework.data.mongodb.core.mapping.ShardingStrategy;

/** A registered patient; one document per patient, unique by NHS number. */
@Document("patients")
@Sharded(shardKey = "nhsNumber", shardingStrategy = ShardingStrategy.HASH, immutableKey = true)
public record Patient(@Id String id, @Indexed(unique = true) String nhsNumber, String givenName, String familyName,
        LocalDate dateOfBirth, String postcode, String lsoaCode, String gpPracticeCode, Instant registeredAt,
        Instant updatedAt, @Version Long version) {

    static Patient registered(PatientRegistration registration, Instant now) {
        return new Patient(null, registration.nhsNumber(), registration.givenName(), registration.familyName(),
                registration.dateOfBirth(), registration.postcode(), registration.lsoaCode(),
                registration.gpPracticeCode(), now, now, null);
    }

    boolean sameDetailsAs(PatientRegistration registration) {
        return new PatientRegistration(nhsNumber, givenName, familyName, dateOfBirth, postcode, lsoaCode,
                gpPracticeCode)
            .equals(registration);
    }

    Patient updatedWith(PatientRegistration registration, Instant now) {
        return new Patient(id, nhsNumber, registration.givenName(), registration.familyName(),
                registration.dateOfBirth(), registration.postcode(), registration.lsoaCode(),
                registration.gpPracticeCode(), registeredAt, now, version);
    }
}
