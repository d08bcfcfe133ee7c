package org.cancerplan.security;

import java.io.IOException;
import java.time.Duration;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Spring for GraphQL's WebSocket handler, except that a connection whose token could not
 * be checked because the identity provider did not answer is closed with
 * {@link #IDENTITY_PROVIDER_UNAVAILABLE} (4503, try again shortly) rather than 4401 (the
 * token is no good), which the handler gives every refused {@code connection_init}.
 * {@link WebSocketAuthentication} marks such a connection with {@link #OUTAGE}.
 */
class IdentityProviderAwareWebSocketHandler extends GraphQlWebSocketHandler {

    static final CloseStatus IDENTITY_PROVIDER_UNAVAILABLE = new CloseStatus(4503, "Identity provider unavailable");

    /**
     * The session attribute that marks a connection refused for an identity provider
     * outage.
     */
    static final String OUTAGE = IdentityProviderAwareWebSocketHandler.class.getName() + ".outage";

    private static final int UNAUTHORIZED = 4401;

    IdentityProviderAwareWebSocketHandler(WebGraphQlHandler graphQlHandler, HttpMessageConverter<Object> converter,
            Duration connectionInitTimeout, Duration keepAlive, CorsConfiguration cors) {
        super(graphQlHandler, converter, connectionInitTimeout, keepAlive, cors);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        super.handleTextMessage(new WebSocketSessionDecorator(session) {
            @Override
            public void close(CloseStatus status) throws IOException {
                boolean outage = status.getCode() == UNAUTHORIZED && getAttributes().remove(OUTAGE) != null;
                super.close(outage ? IDENTITY_PROVIDER_UNAVAILABLE : status);
            }
        }, message);
    }

}
