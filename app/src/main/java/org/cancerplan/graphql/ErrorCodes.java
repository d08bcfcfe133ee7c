package org.cancerplan.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Flux;

/**
 * Puts an {@link ErrorCode} on every error of a response that has none: in the response,
 * in each event of a subscription and in the error that ends one.
 */
final class ErrorCodes {

    private static final Logger log = LoggerFactory.getLogger(ErrorCodes.class);

    private ErrorCodes() {
    }

    static WebGraphQlResponse onEveryError(WebGraphQlResponse response) {
        ExecutionResult result = response.getExecutionResult();
        if (result.getData() instanceof Publisher<?> events) {
            Flux<?> codedEvents = Flux.from(events)
                .map(event -> event instanceof ExecutionResult next && !next.getErrors().isEmpty()
                        ? next.transform(builder -> builder.errors(coded(next.getErrors()))) : event)
                .onErrorMap(ErrorCodes::endingError);
            return response.transform(builder -> builder.data(codedEvents));
        }
        if (result.getErrors().isEmpty()) {
            return response;
        }
        return response.transform(builder -> builder.errors(coded(result.getErrors())));
    }

    /**
     * The errors that end a subscription, as the WebSocket handler sends them. A failure
     * no resolver turned into errors (e.g. a non-null field of an event that came out
     * null) is logged here and sent as {@code INTERNAL}.
     */
    private static SubscriptionPublisherException endingError(Throwable failure) {
        if (failure instanceof SubscriptionPublisherException ended) {
            return new SubscriptionPublisherException(coded(ended.getErrors()), ended.getCause());
        }
        log.error("A subscription failed", failure);
        GraphQLError internal = GraphqlErrorBuilder.newError()
            .errorType(ErrorType.INTERNAL_ERROR)
            .message("Subscription error")
            .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.INTERNAL.name()))
            .build();
        return new SubscriptionPublisherException(List.of(internal), failure);
    }

    private static List<GraphQLError> coded(List<GraphQLError> errors) {
        return errors.stream().map(ErrorCodes::coded).toList();
    }

    private static GraphQLError coded(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().get(ErrorCode.EXTENSION) instanceof String) {
            return error;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put(ErrorCode.EXTENSION, ErrorCode.of(error));
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        return GraphqlErrorBuilder.newError()
            .message(error.getMessage())
            .locations(error.getLocations())
            .path(error.getPath())
            .errorType(error.getErrorType())
            .extensions(extensions)
            .build();
    }

}
