package org.cancerplan.store;

import java.time.Clock;

import com.mongodb.ConnectionString;
import org.cancerplan.security.MissingSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Starts the embedded store and points the MongoDB client at it, unless {@code spring.mongodb.uri} names a MongoDB.
 * Without a URI it starts only with {@code cancerplan.store.embedded=true}: a forgotten URI must not give a store
 * nobody meant to have.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
class EmbeddedStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties) {
        if (!properties.embedded()) {
            throw new MissingSettingException("spring.mongodb.uri or cancerplan.store.embedded=true",
                    "No store is chosen: set spring.mongodb.uri to use MongoDB, or cancerplan.store.embedded=true "
                            + "to keep the data in the embedded store in " + properties.path().toAbsolutePath()
                            + " (one site, one process, backed up)");
        }
        EmbeddedStore store = EmbeddedStore.open(properties.path());
        log.info("Embedded store: {} (no spring.mongodb.uri configured), served on {}", store.file(),
                store.connectionString(""));
        return store;
    }

    /** Depends on the store bean, so the client is closed before the server stops. */
    @Bean
    MongoConnectionDetails embeddedStoreConnectionDetails(EmbeddedStore store, StoreProperties properties) {
        ConnectionString connectionString = new ConnectionString(store.connectionString(properties.database()));
        return () -> connectionString;
    }

    /** In the service only, as its other scheduled jobs: the admin shell runs commands. */
    @Bean
    @Profile("!admin")
    ExpirySweeper expirySweeper(MongoTemplate mongo, Clock clock) {
        return new ExpirySweeper(mongo, clock);
    }
}
