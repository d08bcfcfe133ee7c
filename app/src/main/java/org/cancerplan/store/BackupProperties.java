package org.cancerplan.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own backups of the embedded store, taken while it runs (on {@code cancerplan.store.backup.cron}).
 *
 * @param directory where the zip files go; unset, no backups are taken
 * @param keep how many of the newest backups to keep there; older ones are deleted
 */
@ConfigurationProperties("cancerplan.store.backup")
public record BackupProperties(Path directory, @DefaultValue("7") int keep) {

    public BackupProperties {
        if (keep < 1) {
            throw new IllegalArgumentException("cancerplan.store.backup.keep must be at least 1, not " + keep);
        }
    }
}
