package org.cancerplan.security;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Authenticates GraphQL over WebSocket: the {@code connection_init} payload carries the
 * access token ({@code {"Authorization": "Bearer ..."}}), validated exactly as an HTTP
 * bearer token. A connection without a valid token is closed with 4401, one whose token
 * could not be checked because the identity provider did not answer with 4503
 * ({@link IdentityProviderAwareWebSocketHandler}); the caller of each operation on the
 * connection is the {@link CallerContext#KEY} context value, and the token's expiry is
 * kept as {@link CallerContext#EXPIRES_AT} (the connection is good until then).
 */
@Component
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private final ObjectProvider<TrustedIssuers> issuers;

    WebSocketAuthentication(ObjectProvider<TrustedIssuers> issuers) {
        this.issuers = issuers;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload.getOrDefault("Authorization", payload.get("authorization"));
        if (!(header instanceof String value) || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new AccessDeniedException("connection_init must carry Authorization: Bearer <token>"));
        }
        try {
            CallerAuthentication authentication = issuers.getObject().authenticate(value.substring(7).strip());
            session.getAttributes().put(CallerContext.KEY, authentication.getPrincipal());
            if (authentication.getCredentials().getExpiresAt() != null) {
                session.getAttributes().put(CallerContext.EXPIRES_AT, authentication.getCredentials().getExpiresAt());
            }
            return Mono.empty();
        }
        catch (IdentityProviderUnavailableException outage) {
            session.getAttributes().put(IdentityProviderAwareWebSocketHandler.OUTAGE, Boolean.TRUE);
            return Mono.error(new AccessDeniedException("The identity provider could not be asked about the token"));
        }
        catch (AuthenticationException invalid) {
            return Mono.error(new AccessDeniedException("Invalid token"));
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        if (request instanceof WebSocketGraphQlRequest socket
                && socket.getSessionInfo().getAttributes().get(CallerContext.KEY) instanceof Caller caller) {
            request.configureExecutionInput(
                    (input, builder) -> builder.graphQLContext(Map.of(CallerContext.KEY, caller)).build());
        }
        return chain.next(request);
    }

}
