package org.cancerplan.store;

import java.util.Locale;

import com.mongodb.ConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded store and points the MongoDB client at it, unless {@code spring.mongodb.uri} names a MongoDB.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
class EmbeddedStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties) {
        EmbeddedStore store = EmbeddedStore.open(properties.path(), properties.durability());
        log.info("Embedded store: {} (no spring.mongodb.uri configured), served on {}, writes acknowledged at {}",
                store.file(), store.connectionString(""), properties.durability().name().toLowerCase(Locale.ROOT));
        return store;
    }

    /** Depends on the store bean, so the client is closed before the server stops. */
    @Bean
    MongoConnectionDetails embeddedStoreConnectionDetails(EmbeddedStore store, StoreProperties properties) {
        ConnectionString connectionString = new ConnectionString(store.connectionString(properties.database()));
        return () -> connectionString;
    }
}
