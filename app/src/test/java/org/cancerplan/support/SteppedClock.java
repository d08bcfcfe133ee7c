package org.cancerplan.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until the test moves it on, or that moves on by a step at
 * every reading.
 */
public final class SteppedClock extends Clock {

    private final Duration eachReading;

    private Instant now;

    public SteppedClock(Instant start) {
        this(start, Duration.ZERO);
    }

    /**
     * A clock whose every reading is {@code eachReading} later than the one before; the
     * first is start plus it.
     */
    public SteppedClock(Instant start, Duration eachReading) {
        this.now = start;
        this.eachReading = eachReading;
    }

    public synchronized void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(eachReading);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

}
