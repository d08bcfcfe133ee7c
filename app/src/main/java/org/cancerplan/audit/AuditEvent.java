package org.cancerplan.audit;

import java.time.Instant;

import org.cancerplan.security.CallerKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Sharded;

/**
 * One access to a patient's data, or one attempt: who (kind, id, name, organisation),
 * which patient, what, when, allowed or denied, and the request's correlation id. Written
 * once, never changed.
 */
@Document("auditEvents")
@Sharded(shardKey = { "patientNhsNumber", "at" }, immutableKey = true)
@CompoundIndexes({ @CompoundIndex(name = "patient_time", def = "{ 'patientNhsNumber': 1, 'at': -1, '_id': 1 }"),
        // the patient's access log: who else acted, newest first, without stepping over
        // the patient's own reads
        @CompoundIndex(name = "patient_actor_time",
                def = "{ 'patientNhsNumber': 1, 'actorKind': 1, 'at': -1, '_id': 1 }"),
        @CompoundIndex(name = "time", def = "{ 'at': -1 }") })
public record AuditEvent(@Id String id, Instant at, CallerKind actorKind, String actorId, String actorName,
        String organisation, String patientNhsNumber, String action, AuditOutcome outcome,
        @Indexed String correlationId) {

    /** Who acted, as shown in an access log. */
    public record Actor(CallerKind kind, String name, String organisation) {
    }

    public Actor actor() {
        return new Actor(actorKind, actorName, organisation);
    }
}
