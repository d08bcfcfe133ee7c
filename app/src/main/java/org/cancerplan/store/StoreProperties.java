package org.cancerplan.store;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the store: MongoDB when {@code spring.mongodb.uri} is set, else the
 * embedded store.
 *
 * @param database the database name
 * @param durability when the embedded store acknowledges a write: once forced to disk, or
 * once in the file
 * @param embedded that the embedded store is meant when no MongoDB URI is set; without it
 * the service refuses to start (the local and admin modes set it)
 * @param healthTimeout how long the health check waits for the store's answer (MongoDB or
 * embedded)
 * @param path the directory holding the embedded store's file
 * @param expiryInterval how often the service deletes the embedded store's expired
 * documents (MongoDB does it by itself)
 */
@Validated
@ConfigurationProperties("cancerplan.store")
public record StoreProperties(@DefaultValue("cancerplan") @NotBlank String database,
        @DefaultValue("fsync") StoreDurability durability, @DefaultValue("false") boolean embedded,
        @DefaultValue("2s") @DurationMin(nanos = 1, message = "must be longer than 0") Duration healthTimeout,
        @DefaultValue("./data") Path path,
        @DefaultValue(StoreProperties.DEFAULT_EXPIRY_INTERVAL) Duration expiryInterval) {

    static final String DEFAULT_EXPIRY_INTERVAL = "60s";

}
