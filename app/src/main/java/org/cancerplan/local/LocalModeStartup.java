package org.cancerplan.local;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Once the service listens: seed the demo data (first start only) and print how to use it. */
@Component
@Profile(LocalMode.PROFILE + " & !admin")
class LocalModeStartup {

    private final DemoData demoData;

    LocalModeStartup(DemoData demoData) {
        this.demoData = demoData;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        demoData.seedOnce();
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        System.out.println(LocalBanner.text("http://localhost:" + port));
    }
}
