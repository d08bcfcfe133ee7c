package org.cancerplan.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded store, used when no MongoDB URI is configured.
 *
 * @param path the directory holding the store's file
 * @param database the database name
 * @param healthTimeout how long the health check waits for the store's answer (MongoDB or embedded)
 */
@ConfigurationProperties("cancerplan.store")
public record StoreProperties(@DefaultValue("./data") Path path, @DefaultValue("cancerplan") String database,
        @DefaultValue("2s") Duration healthTimeout) {
}
