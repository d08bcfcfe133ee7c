package org.cancerplan.messages;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How changes become messages.
 *
 * @param combineWithin the changes told about one subject within one such period (from
 * the hour, for the default) make one message, sent when the period ends
 * @param outboxSweepInterval how often outboxes are swept for changes not yet turned into
 * messages (those written before a stop, or by another instance)
 */
@Validated
@ConfigurationProperties("cancerplan.messages")
public record MessageSettings(@DefaultValue("1h") @DurationMin(seconds = 1) Duration combineWithin,
        @DefaultValue("30s") @DurationMin(millis = 100) Duration outboxSweepInterval) {

    static final String DEFAULT_SWEEP_INTERVAL = "30s";

}
