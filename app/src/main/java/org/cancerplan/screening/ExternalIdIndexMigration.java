package org.cancerplan.screening;

import org.cancerplan.store.StoreMigration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Invitations were unique by {@code externalId} alone, an index a sharded cluster refuses
 * (it does not start with the shard key); they are now unique by NHS number and
 * externalId ({@code patient_external_id}).
 */
@Component
class ExternalIdIndexMigration implements StoreMigration {

    @Override
    public void migrate(MongoTemplate mongo) {
        StoreMigration.dropIndexIfPresent(mongo, "screeningInvitations", "externalId");
    }

}
