package org.cancerplan.local;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The local mode: the Spring profile {@value #PROFILE}, for trying the service out on one
 * machine.
 */
final class LocalMode {

    static final String PROFILE = "local";

    private LocalMode() {
    }

    /**
     * Refuses to go on unless the local profile is active: demo identities must never
     * reach a real deployment.
     */
    static void requireLocalProfile(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            throw new IllegalStateException("The local authorization server and demo data run only in the '" + PROFILE
                    + "' profile; active profiles: " + String.join(",", environment.getActiveProfiles()));
        }
    }

}
