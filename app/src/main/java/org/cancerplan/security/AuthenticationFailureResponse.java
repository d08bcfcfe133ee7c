package org.cancerplan.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request whose token was not accepted. A missing or invalid token is a 401
 * with {@code WWW-Authenticate: Bearer} ({@code Bearer error="invalid_token"} when a
 * token was sent); a token that could not be checked because its identity provider did
 * not answer is a 503 with {@code Retry-After}. A client that asks for
 * {@code application/graphql-response+json} also gets the GraphQL error it can read (code
 * {@code UNAUTHENTICATED} or {@code IDENTITY_PROVIDER_UNAVAILABLE}, no data); other
 * clients get an empty body.
 */
class AuthenticationFailureResponse implements AuthenticationEntryPoint {

    /**
     * How long a client should wait before trying again after an identity provider
     * outage.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final String UNAUTHENTICATED = """
            {"errors":[{"message":"This needs a valid bearer token from a trusted issuer",\
            "extensions":{"code":"UNAUTHENTICATED","classification":"UNAUTHORIZED"}}]}""";

    private static final String IDENTITY_PROVIDER_UNAVAILABLE = """
            {"errors":[{"message":"The identity provider could not be asked about this token: try again shortly",\
            "extensions":{"code":"IDENTITY_PROVIDER_UNAVAILABLE","classification":"INTERNAL_ERROR"}}]}""";

    /** The media types Spring for GraphQL answers, in its order of preference. */
    private static final List<MediaType> GRAPHQL_MEDIA_TYPES = List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
            MediaType.APPLICATION_JSON, new MediaType("application", "graphql+json"));

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String body;
        if (failure instanceof IdentityProviderUnavailableException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            body = IDENTITY_PROVIDER_UNAVAILABLE;
        }
        else {
            boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
            body = UNAUTHENTICATED;
        }
        if (!response.isCommitted() && asksForGraphQlResponse(request)) {
            response.setContentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE.toString());
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether the GraphQL handler would answer this request with
     * application/graphql-response+json.
     */
    private static boolean asksForGraphQlResponse(HttpServletRequest request) {
        try {
            return MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT))
                .stream()
                .filter(GRAPHQL_MEDIA_TYPES::contains)
                .findFirst()
                .map(MediaTypes.APPLICATION_GRAPHQL_RESPONSE::equals)
                .orElse(false);
        }
        catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

}
