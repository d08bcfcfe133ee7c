package org.cancerplan.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The custom scalars of the schema: {@code Date}, {@code DateTime} and {@code NhsNumber}.
 */
@Configuration(proxyBeanMethods = false)
class ScalarConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> Scalars.ALL.forEach(wiring::scalar);
    }

}
