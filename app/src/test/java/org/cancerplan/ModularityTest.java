package org.cancerplan;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void featureModulesReachEachOtherOnlyThroughTheirPublicSurface() {
        ApplicationModules.of(CancerPlanApplication.class).verify();
    }
}
