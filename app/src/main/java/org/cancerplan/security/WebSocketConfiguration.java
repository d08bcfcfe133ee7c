package org.cancerplan.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * GraphQL over WebSocket with the close codes of
 * {@link IdentityProviderAwareWebSocketHandler}, set up with the
 * {@code spring.graphql.websocket} and {@code spring.graphql.cors} settings as Spring
 * Boot's own handler is (which steps aside for this one).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty("spring.graphql.websocket.path")
class WebSocketConfiguration {

    @Bean
    GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler graphQlHandler, GraphQlProperties properties,
            GraphQlCorsProperties cors, JsonMapper json) {
        return new IdentityProviderAwareWebSocketHandler(graphQlHandler, new JacksonJsonHttpMessageConverter(json),
                properties.getWebsocket().getConnectionInitTimeout(), properties.getWebsocket().getKeepAlive(),
                cors.toCorsConfiguration());
    }

}
