package org.cancerplan;

import java.time.Clock;

import org.cancerplan.shared.England;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Profiles;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CancerPlanApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(CancerPlanApplication.class, args);
        if (context.getEnvironment().acceptsProfiles(Profiles.of("admin"))) {
            // the admin shell has run its command (or its session): stop, with the
            // command's exit status
            System.exit(SpringApplication.exit(context));
        }
    }

    /**
     * Scheduled jobs run in the service, not in the admin shell (which runs them on
     * demand).
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("!admin")
    @EnableScheduling
    static class Scheduling {

    }

    @Bean
    Clock clock() {
        return Clock.system(England.ZONE);
    }

}
