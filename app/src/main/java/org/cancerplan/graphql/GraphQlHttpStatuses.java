package org.cancerplan.graphql;

import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The HTTP status of a GraphQL response, as the GraphQL-over-HTTP specification asks:
 * {@code application/json} is always 200, and so is
 * {@code application/graphql-response+json} with data; without data the status fits the
 * first error's code, e.g. 429 for {@code RATE_LIMITED}, and is 400 for a request that
 * does not parse or validate. Takes the place of Spring Boot's handler, which answers
 * every response without data with 400.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphQlHttpStatuses extends GraphQlHttpHandler {

    /**
     * The codes of responses without data that are not 400 (a missing or invalid token is
     * 401 before GraphQL).
     */
    private static final Map<String, HttpStatus> WITHOUT_DATA = Map.of(Refusal.RATE_LIMITED.name(),
            HttpStatus.TOO_MANY_REQUESTS, Refusal.UNTRUSTED_DOCUMENT.name(), HttpStatus.FORBIDDEN,
            Refusal.TIMEOUT.name(), HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.INTERNAL.name(),
            HttpStatus.INTERNAL_SERVER_ERROR);

    GraphQlHttpStatuses(WebGraphQlHandler handler) {
        super(handler);
    }

    @Override
    protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
        if (!MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(responseMediaType)
                || response.getExecutionResult().isDataPresent()) {
            return HttpStatus.OK;
        }
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        return errors.isEmpty() ? HttpStatus.BAD_REQUEST
                : WITHOUT_DATA.getOrDefault(ErrorCode.of(errors.get(0)), HttpStatus.BAD_REQUEST);
    }

}
