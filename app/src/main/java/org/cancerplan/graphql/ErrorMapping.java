package org.cancerplan.graphql;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.cancerplan.shared.BadInputException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Bad arguments become {@code BAD_REQUEST} errors and refusals {@code FORBIDDEN} errors, each carrying its message
 * (refusal messages say what would be needed, never whether a record exists); anything else is left to the
 * default handling, which reveals nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorMapping extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        if (failure instanceof BadInputException) {
            return error(ErrorType.BAD_REQUEST, failure.getMessage(), environment);
        }
        if (failure instanceof AccessDeniedException) {
            return error(ErrorType.FORBIDDEN, failure.getMessage(), environment);
        }
        return null;
    }

    private static GraphQLError error(ErrorType type, String message, DataFetchingEnvironment environment) {
        return GraphQLError.newError().errorType(type).message(message)
                .path(environment.getExecutionStepInfo().getPath())
                .location(environment.getField().getSourceLocation()).build();
    }
}
