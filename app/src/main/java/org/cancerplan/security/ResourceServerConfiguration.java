package org.cancerplan.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The API's security: every GraphQL request needs a valid bearer token from a trusted
 * issuer; anything else is a 401 that says no more than that (or a 503 when the identity
 * provider could not be asked in time), as {@link AuthenticationFailureResponse} writes
 * them. What each caller may do is decided by the services.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ResourceServerConfiguration {

    /** The scope a monitoring system's token needs for the metrics and info endpoints. */
    static final String METRICS_SCOPE = "metrics:read";

    @Bean
    TrustedIssuers trustedIssuers(SecurityProperties properties) {
        return new TrustedIssuers(properties);
    }

    @Bean
    @Order(10)
    SecurityFilterChain apiSecurity(HttpSecurity http, TrustedIssuers issuers) throws Exception {
        AuthenticationEntryPoint refused = new AuthenticationFailureResponse();
        http.securityMatcher("/graphql/**", "/graphql", "/actuator/**", "/livez", "/readyz")
            .authorizeHttpRequests(
                    requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/livez", "/readyz")
                        .permitAll()
                        // metrics and build info: a monitoring integration or staff
                        // running the service
                        .requestMatchers("/actuator/**")
                        .hasAnyAuthority("SCOPE_" + METRICS_SCOPE, "STAFF_ADMIN")
                        // browsers cannot send headers on a WebSocket: the token comes in
                        // connection_init
                        .requestMatchers(ResourceServerConfiguration::isWebSocketHandshake)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
            .oauth2ResourceServer(server -> server.authenticationManagerResolver(issuers.resolver())
                .authenticationEntryPoint(refused))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(refused))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    private static boolean isWebSocketHandshake(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Bean
    @Order(100)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/graphiql", "/graphiql/**", "/error")
            .permitAll()
            .anyRequest()
            .denyAll()).csrf(csrf -> csrf.disable());
        return http.build();
    }

}
