package org.cancerplan.store;

import java.time.Clock;
import java.util.Locale;

import com.mongodb.ConnectionString;
import org.cancerplan.security.MissingSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Starts the embedded store and points the MongoDB client at it, unless
 * {@code spring.mongodb.uri} names a MongoDB or a MongoDB's connection details are given
 * otherwise (a test's {@code @ServiceConnection} container: its bean is registered before
 * any configuration is read, so this one sees it). Without either it starts only with
 * {@code cancerplan.store.embedded=true}: a forgotten URI must not give a store nobody
 * meant to have. The admin shell, finding the store open in a running service, reaches it
 * through that service's {@link StoreChannel} instead (there is then no
 * {@link EmbeddedStore} bean in the shell).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
@ConditionalOnMissingBean(MongoConnectionDetails.class)
class EmbeddedStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

    /**
     * The admin shell's wait for a running service's store before it says it cannot reach
     * it.
     */
    private static final String ADMIN_TIMEOUTS = "&serverSelectionTimeoutMS=5000&connectTimeoutMS=5000";

    /** Null (no bean) in the admin shell beside a running service. */
    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties, Environment environment) {
        if (!properties.embedded()) {
            throw new MissingSettingException("spring.mongodb.uri or cancerplan.store.embedded=true",
                    "No store is chosen: set spring.mongodb.uri to use MongoDB, or cancerplan.store.embedded=true "
                            + "to keep the data in the embedded store in " + properties.path().toAbsolutePath()
                            + " (one site, one process, backed up)");
        }
        try {
            EmbeddedStore store = EmbeddedStore.open(properties.path(), properties.durability());
            log.info("Embedded store: {} (no spring.mongodb.uri configured), served on {}, writes acknowledged at {}",
                    store.file(), store.channel().address(), properties.durability().name().toLowerCase(Locale.ROOT));
            return store;
        }
        catch (EmbeddedStore.InUse inUse) {
            if (environment.matchesProfiles("admin")) {
                return null;
            }
            throw inUse;
        }
    }

    /** The channel to the store: this process's own, or the running service's. */
    @Bean
    StoreChannel storeChannel(ObjectProvider<EmbeddedStore> store, StoreProperties properties) {
        EmbeddedStore served = store.getIfAvailable();
        return served != null ? served.channel() : StoreChannel.readFrom(properties.path());
    }

    /** Depends on the store bean, so the client is closed before the server stops. */
    @Bean
    MongoConnectionDetails embeddedStoreConnectionDetails(ObjectProvider<EmbeddedStore> store, StoreChannel channel,
            StoreProperties properties) {
        ConnectionString own = channel.connectionString(properties.database());
        ConnectionString connectionString = store.getIfAvailable() != null ? own
                : new ConnectionString(own.getConnectionString() + ADMIN_TIMEOUTS);
        return () -> connectionString;
    }

    /**
     * In the service only, as its other scheduled jobs: the admin shell runs commands.
     */
    @Bean
    @Profile("!admin")
    ExpirySweeper expirySweeper(MongoTemplate mongo, Clock clock) {
        return new ExpirySweeper(mongo, clock);
    }

}
