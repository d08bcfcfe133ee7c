package org.cancerplan.lead;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A named neighbourhood cancer lead in the directory. {@code staffId} is the staff
 * identity (the token's {@code sub}) that signs in as this lead, so the lead can see
 * their own caseload.
 */
@Document("neighbourhoodLeads")
@CompoundIndexes({
        @CompoundIndex(name = "organisation_neighbourhood",
                def = "{ 'organisation': 1, 'neighbourhood': 1, '_id': 1 }"),
        @CompoundIndex(name = "neighbourhood", def = "{ 'neighbourhood': 1, '_id': 1 }") })
public record NeighbourhoodLead(@Id String id, String name, String role, String organisation, String neighbourhood,
        Contact contact, int caseloadLimit, boolean active, @Indexed(unique = true, sparse = true) String staffId,
        Instant registeredAt, Instant updatedAt, @Version Long revision) {

    public record Contact(String phone, String email) {
    }

    NeighbourhoodLead deactivated(Instant now) {
        return new NeighbourhoodLead(id, name, role, organisation, neighbourhood, contact, caseloadLimit, false,
                staffId, registeredAt, now, revision);
    }

    NeighbourhoodLead updated(String name, String role, String neighbourhood, Contact contact, int caseloadLimit,
            String staffId, boolean active, Instant now) {
        return new NeighbourhoodLead(id, name, role, organisation, neighbourhood, contact, caseloadLimit, active,
                staffId, registeredAt, now, revision);
    }
}
