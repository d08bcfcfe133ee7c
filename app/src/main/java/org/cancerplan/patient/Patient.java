package org.cancerplan.patient;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Sharded;
import org.springframework.data.mongodb.core.mapping.ShardingStrategy;

/**
 * A registered patient; one document per patient, unique by NHS number.
 * {@code deathFollowThroughPending} is set with a newly recorded death until the other
 * features have acted on it (their open invitations and tasks closed), so a restart
 * between the two finishes the job.
 */
@Document("patients")
@Sharded(shardKey = "nhsNumber", shardingStrategy = ShardingStrategy.HASH, immutableKey = true)
public record Patient(@Id String id, @Indexed(unique = true) String nhsNumber, String givenName, String familyName,
        LocalDate dateOfBirth, String postcode, String lsoaCode, String gpPracticeCode, LocalDate deceasedOn,
        @Indexed(name = "death_follow_through", sparse = true) Boolean deathFollowThroughPending, Instant registeredAt,
        Instant updatedAt, @Version Long version) {

    static Patient registered(PatientRegistration registration, Instant now) {
        return new Patient(null, registration.nhsNumber(), registration.givenName(), registration.familyName(),
                registration.dateOfBirth(), registration.postcode(), registration.lsoaCode(),
                registration.gpPracticeCode(), registration.deceasedOn(),
                registration.deceasedOn() != null ? Boolean.TRUE : null, now, now, null);
    }

    /**
     * Whether the registration changes nothing (a record without a death keeps the one
     * recorded).
     */
    boolean sameDetailsAs(PatientRegistration registration) {
        return new PatientRegistration(nhsNumber, givenName, familyName, dateOfBirth, postcode, lsoaCode,
                gpPracticeCode, deceasedOn)
            .equals(registration.deceasedOn() == null ? registration.withDeceasedOn(deceasedOn) : registration);
    }

    Patient updatedWith(PatientRegistration registration, Instant now) {
        LocalDate death = registration.deceasedOn() != null ? registration.deceasedOn() : deceasedOn;
        boolean newlyDeceased = deceasedOn == null && death != null;
        return new Patient(id, nhsNumber, registration.givenName(), registration.familyName(),
                registration.dateOfBirth(), registration.postcode(), registration.lsoaCode(),
                registration.gpPracticeCode(), death, newlyDeceased ? Boolean.TRUE : deathFollowThroughPending,
                registeredAt, now, version);
    }

    /** Whether a death is recorded: nothing is sent to them, and nothing is offered. */
    public boolean isDeceased() {
        return deceasedOn != null;
    }

}
