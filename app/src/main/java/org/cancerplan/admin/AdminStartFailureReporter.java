package org.cancerplan.admin;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * When the admin shell cannot start (its store cannot be opened or reached, a setting is
 * wrong), prints one line on standard error saying why instead of Spring Boot's report
 * and stack trace; with {@code cancerplan.admin.debug=true} Boot's report stays. The
 * shell then exits with status 1. (Registered in {@code META-INF/spring.factories}.)
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminStartFailureReporter implements SpringBootExceptionReporter {

    private final ConfigurableApplicationContext context;

    AdminStartFailureReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        if (context == null) {
            return false;
        }
        Environment environment = context.getEnvironment();
        if (!environment.matchesProfiles("admin") || settings(environment).debug()) {
            return false;
        }
        System.err.println(AdminRunner.message(AdminRunner.reportedCause(failure)));
        System.err.flush();
        return true;
    }

    /**
     * Bound here, not taken from the context: the context failed to start, so its beans
     * may not exist.
     */
    private static AdminSettings settings(Environment environment) {
        return Binder.get(environment).bindOrCreate(AdminSettings.PREFIX, AdminSettings.class);
    }

}
