package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code cancerplan.store.durability}, read from the service's own configuration files.
 */
class StoreDurabilitySettingTest {

    @Test
    void writesAreForcedToDiskByDefault() {
        assertThat(durability()).isEqualTo(StoreDurability.FSYNC);
    }

    @Test
    void theLocalModeAcknowledgesWritesOnceInTheFile() {
        assertThat(durability("--spring.profiles.active=local")).isEqualTo(StoreDurability.PROCESS);
    }

    @Test
    void aValueThatIsNeitherFailsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> durability("--cancerplan.store.durability=sometimes")).cause()
            .hasMessageContaining("Failed to bind properties under 'cancerplan.store.durability'")
            .rootCause()
            .hasMessageContaining("sometimes");
    }

    private static StoreDurability durability(String... arguments) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
            .web(WebApplicationType.NONE)
            .run(arguments)) {
            return context.getBean(StoreProperties.class).durability();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StoreProperties.class)
    static class SettingsOnly {

    }

}
