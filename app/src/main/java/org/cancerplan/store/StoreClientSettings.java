package org.cancerplan.store;

import com.mongodb.WriteConcern;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Writes are acknowledged by a majority of the replica set ({@code w: majority}) unless
 * the connection string says otherwise, so an acknowledged change survives the loss of
 * the primary. Reads go to the primary (the driver's default), so a caller reads their
 * own writes.
 */
@Configuration(proxyBeanMethods = false)
class StoreClientSettings {

    @Bean
    MongoClientSettingsBuilderCustomizer majorityWrites(MongoConnectionDetails connection) {
        return settings -> {
            if (connection.getConnectionString().getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY);
            }
        };
    }

}
