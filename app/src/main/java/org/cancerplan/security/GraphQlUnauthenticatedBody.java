package org.cancerplan.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.ServletException;
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
 * Answers a missing or invalid token as the given entry point does (401 with {@code WWW-Authenticate}) and, for a
 * client that asks for {@code application/graphql-response+json}, adds the GraphQL error it can read: code
 * {@code UNAUTHENTICATED}, no data. Other clients get the 401 with an empty body.
 */
class GraphQlUnauthenticatedBody implements AuthenticationEntryPoint {

    private static final String BODY = """
            {"errors":[{"message":"This needs a valid bearer token from a trusted issuer",\
            "extensions":{"code":"UNAUTHENTICATED","classification":"UNAUTHORIZED"}}]}""";
    /** The media types Spring for GraphQL answers, in its order of preference. */
    private static final List<MediaType> GRAPHQL_MEDIA_TYPES = List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
            MediaType.APPLICATION_JSON, new MediaType("application", "graphql+json"));

    private final AuthenticationEntryPoint entryPoint;

    GraphQlUnauthenticatedBody(AuthenticationEntryPoint entryPoint) {
        this.entryPoint = entryPoint;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        entryPoint.commence(request, response, failure);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value() && !response.isCommitted()
                && asksForGraphQlResponse(request)) {
            response.setContentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE.toString());
            response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether the GraphQL handler would answer this request with application/graphql-response+json. */
    private static boolean asksForGraphQlResponse(HttpServletRequest request) {
        try {
            return MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT)).stream()
                    .filter(GRAPHQL_MEDIA_TYPES::contains).findFirst()
                    .map(MediaTypes.APPLICATION_GRAPHQL_RESPONSE::equals).orElse(false);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
