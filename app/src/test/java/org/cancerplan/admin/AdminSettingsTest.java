package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.cancerplan.store.StoreProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code cancerplan.admin.*}, read from the shell's own configuration files as the shell
 * starts.
 */
class AdminSettingsTest {

    @Test
    void withNothingSetTheOperatorIsTheOsUserAndTheShellOpensWithoutStackTraces() {
        try (ConfigurableApplicationContext context = shell()) {
            AdminSettings settings = context.getBean(AdminSettings.class);

            assertThat(settings.operator()).isNotBlank().isEqualTo(System.getProperty("user.name"));
            assertThat(settings.debug()).isFalse();
            assertThat(settings.interactive()).isTrue();
            assertThat(context.getBean(Operator.class).caller().name())
                .isEqualTo("operator:" + System.getProperty("user.name"));
        }
    }

    @Test
    void theSettingsGivenToTheShellAreTheOnesItUses() {
        try (ConfigurableApplicationContext context = shell("--cancerplan.admin.operator= jsmith ",
                "--cancerplan.admin.debug=true", "--cancerplan.admin.interactive=false")) {
            AdminSettings settings = context.getBean(AdminSettings.class);

            assertThat(settings.debug()).isTrue();
            assertThat(settings.interactive()).isFalse();
            assertThat(context.getBean(Operator.class).caller().name()).isEqualTo("operator:jsmith");
        }
    }

    @Test
    void aShellThatCannotStartPrintsOneLineUnlessDebugIsSet() {
        assertThat(new AdminStartFailureReporter(failedShell(Map.of())).reportException(new IllegalStateException()))
            .as("the one line replaces Boot's report")
            .isTrue();
        assertThat(new AdminStartFailureReporter(failedShell(Map.of("cancerplan.admin.debug", "true")))
            .reportException(new IllegalStateException())).as("Boot's report stays").isFalse();
    }

    @Test
    void aSettingThatFailsItsCheckIsReportedInOneLineNamingIt() {
        Throwable failure = catchThrowable(
                () -> new SpringApplicationBuilder(StoreSettingsOnly.class).web(WebApplicationType.NONE)
                    .run("--cancerplan.store.health-timeout=0s"));

        assertThat(AdminRunner.message(AdminRunner.reportedCause(failure)))
            .isEqualTo("Invalid setting cancerplan.store.health-timeout: must be longer than 0");
    }

    private static ConfigurableApplicationContext shell(String... arguments) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
            .profiles("admin")
            .run(arguments);
    }

    /** A context that never started: no beans, only the environment. */
    private static GenericApplicationContext failedShell(Map<String, Object> settings) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().setActiveProfiles("admin");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("settings", settings));
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AdminSettings.class)
    @Import(Operator.class)
    static class SettingsOnly {

    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StoreProperties.class)
    static class StoreSettingsOnly {

    }

}
