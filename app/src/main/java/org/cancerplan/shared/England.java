package org.cancerplan.shared;

import java.time.ZoneId;

/** England's time zone, in which the service's days begin and its jobs are scheduled. */
public final class England {

    /** For annotations such as {@code @Scheduled(zone = England.TIME_ZONE)}. */
    public static final String TIME_ZONE = "Europe/London";

    public static final ZoneId ZONE = ZoneId.of(TIME_ZONE);

    private England() {
    }

}
