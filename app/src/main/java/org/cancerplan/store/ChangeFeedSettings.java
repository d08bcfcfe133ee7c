package org.cancerplan.store;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service learns of changes other instances made (for subscriptions).
 *
 * @param source {@code change-streams} (MongoDB's, on a replica set or sharded cluster),
 * {@code polling} (any store: the changed documents are read every {@code pollInterval}),
 * or {@code auto}: change streams when the store says it is a replica set or a mongos,
 * polling otherwise
 * @param pollInterval how often polling reads what changed
 * @param overlap how far back each poll reads again before the latest change it saw, for
 * writes whose time is a little behind (clock differences between instances, a write
 * committed late); changes seen already are not told twice
 */
@Validated
@ConfigurationProperties("cancerplan.events")
public record ChangeFeedSettings(@DefaultValue("auto") Source source,
        @DefaultValue("500ms") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5s") @DurationMin(millis = 0) Duration overlap) {

    public enum Source {

        AUTO, CHANGE_STREAMS, POLLING

    }

}
