package org.cancerplan.patient;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the other features of a death a feed recorded ({@link PatientDeceased}), and then
 * clears the patient's {@code deathFollowThroughPending}; a sweep tells again of deaths
 * whose follow-through a stop or a failure left unfinished.
 */
@Component
class DeathFollowThrough {

    private static final Logger log = LoggerFactory.getLogger(DeathFollowThrough.class);

    private static final String COLLECTION = "patients";

    private final MongoTemplate mongo;

    private final ApplicationEventPublisher events;

    DeathFollowThrough(MongoTemplate mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
    }

    void followThrough(List<Patient> deceased) {
        for (Patient patient : deceased) {
            try {
                events.publishEvent(new PatientDeceased(patient.nhsNumber(), patient.deceasedOn()));
                mongo.updateFirst(Query.query(Criteria.where("nhsNumber").is(patient.nhsNumber())),
                        new Update().unset("deathFollowThroughPending"), COLLECTION);
            }
            catch (RuntimeException failed) {
                log.warn("Could not yet close what is open for a patient whose death was recorded; the sweep tries"
                        + " again: {}", failed.toString());
            }
        }
    }

    @Scheduled(fixedDelayString = "${cancerplan.patients.death-sweep-interval:10m}",
            initialDelayString = "${cancerplan.patients.death-sweep-interval:10m}")
    void sweep() {
        followThrough(mongo.find(Query.query(Criteria.where("deathFollowThroughPending").is(true)).limit(500),
                Patient.class));
    }

}
