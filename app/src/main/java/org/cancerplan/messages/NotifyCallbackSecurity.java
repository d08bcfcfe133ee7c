package org.cancerplan.messages;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The gateway's callbacks carry no token: they prove themselves by the API key and the
 * body's signature, which {@link NotifyCallbacks} checks before reading anything.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class NotifyCallbackSecurity {

    @Bean
    @Order(20)
    SecurityFilterChain notifyCallbackChain(HttpSecurity http) throws Exception {
        http.securityMatcher(NotifyCallbacks.PATH + "/**")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

}
