package org.cancerplan.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the store: MongoDB when {@code spring.mongodb.uri} is set, else the embedded store.
 *
 * @param database the database name
 * @param durability when the embedded store acknowledges a write: once forced to disk, or once in the file
 * @param embedded that the embedded store is meant when no MongoDB URI is set; without it the service refuses to
 * start (the local and admin modes set it)
 * @param healthTimeout how long the health check waits for the store's answer (MongoDB or embedded)
 * @param path the directory holding the embedded store's file
 */
@ConfigurationProperties("cancerplan.store")
public record StoreProperties(
        @DefaultValue("cancerplan") String database,
        @DefaultValue("fsync") StoreDurability durability,
        @DefaultValue("false") boolean embedded,
        @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("./data") Path path) {
}
