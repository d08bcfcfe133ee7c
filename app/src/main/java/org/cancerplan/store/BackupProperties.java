package org.cancerplan.store;

import java.nio.file.Path;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service's own backups of the embedded store, taken while it runs.
 *
 * @param directory where the zip files go; unset, no backups are taken
 * @param keep how many of the newest backups to keep there; older ones are deleted
 * @param cron when a backup is taken (Spring cron, London time)
 */
@Validated
@ConfigurationProperties("cancerplan.store.backup")
public record BackupProperties(Path directory, @DefaultValue("7") @Min(1) int keep,
        @DefaultValue(BackupProperties.DEFAULT_CRON) String cron) {

    /** 01:30 every day. */
    static final String DEFAULT_CRON = "0 30 1 * * *";

}
