package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code cancerplan.graphql.*} and {@code cancerplan.rate-limit.*}, read from the
 * service's own configuration files: the defaults the README documents, and a bad value
 * stops the start with a report naming the setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class GraphQlSettingsTest {

    @Test
    void withNothingSetTheLimitsAreTheDocumentedOnes() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(LimitSettings.class)).isEqualTo(
                    new LimitSettings(12, 1500, 30, 10, 32768, 65536, 524288, 100, 1000, Duration.ofSeconds(10)));
            assertThat(context.getBean(RateLimitSettings.class)).isEqualTo(new RateLimitSettings(true, 2000, 100));
            assertThat(context.getBean(DocumentCacheSettings.class)).isEqualTo(new DocumentCacheSettings(1000, 10000));
            assertThat(context.getBean(TrustedDocumentSettings.class).trustedDocuments())
                .isEqualTo(TrustedDocuments.Mode.PATIENTS);
        }
    }

    @Test
    void settingsGivenAreTheOnesUsed() {
        try (ConfigurableApplicationContext context = start("--cancerplan.graphql.limits.max-depth=3",
                "--cancerplan.graphql.limits.timeout=1s", "--cancerplan.rate-limit.enabled=false",
                "--cancerplan.graphql.trusted-documents=all")) {
            assertThat(context.getBean(LimitSettings.class).maxDepth()).isEqualTo(3);
            assertThat(context.getBean(LimitSettings.class).timeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean(RateLimitSettings.class).enabled()).isFalse();
            assertThat(context.getBean(TrustedDocumentSettings.class).trustedDocuments())
                .isEqualTo(TrustedDocuments.Mode.ALL);
        }
    }

    @Test
    void aNegativeLimitStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cancerplan.graphql.limits.max-depth=-1")).rootCause()
            .isInstanceOf(BindValidationException.class)
            .hasMessageContaining("cancerplan.graphql.limits");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("cancerplan.graphql.limits.max-depth")
            .contains("Reason: must be greater than 0");
    }

    @Test
    void aTimeoutOfZeroStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cancerplan.graphql.limits.timeout=0s")).rootCause()
            .isInstanceOf(BindValidationException.class);
        assertThat(output).contains("Property: cancerplan.graphql.limits.timeout")
            .contains("Reason: must be longer than 0");
    }

    @Test
    void aRateLimitCapacityOfZeroStopsTheStartNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cancerplan.rate-limit.capacity=0")).rootCause()
            .isInstanceOf(BindValidationException.class);
        assertThat(output).contains("Property: cancerplan.rate-limit.capacity")
            .contains("Reason: must be greater than 0");
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE).run(arguments);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ LimitSettings.class, RateLimitSettings.class, DocumentCacheSettings.class,
            TrustedDocumentSettings.class })
    static class SettingsOnly {

    }

}
