package org.cancerplan.local;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service listens: seed the demo data (first start only) and print how to use
 * it.
 */
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
        // the port the server listens on (server.port=0 picks a free one); a test's mock
        // web environment has none
        if (event.getApplicationContext() instanceof WebServerApplicationContext served) {
            System.out.println(LocalBanner.text("http://localhost:" + served.getWebServer().getPort()));
        }
    }

}
