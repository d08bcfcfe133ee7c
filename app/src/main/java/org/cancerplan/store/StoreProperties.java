package org.cancerplan.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded store, used when no MongoDB URI is configured.
 *
 * @param database the database name
 * @param durability when the embedded store acknowledges a write: once forced to disk, or once in the file
 * @param healthTimeout how long the health check waits for the store's answer (MongoDB or embedded)
 * @param path the directory holding the store's file
 */
@ConfigurationProperties("cancerplan.store")
public record StoreProperties(@DefaultValue("cancerplan") String database,
        @DefaultValue("fsync") StoreDurability durability, @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("./data") Path path) {
}
