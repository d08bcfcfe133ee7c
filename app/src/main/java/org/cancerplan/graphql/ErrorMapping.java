package org.cancerplan.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.cancerplan.shared.BadInputException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Bad arguments become {@code BAD_USER_INPUT} errors (with {@code extensions.argument}
 * when the failure names it) and refusals {@code FORBIDDEN} errors, each carrying its
 * message (refusal messages say what would be needed, never whether a record exists);
 * anything else is left to the default handling, which reveals nothing and becomes
 * {@code INTERNAL}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorMapping extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        GraphqlErrorBuilder<?> error = errorFor(failure);
        return error == null ? null
                : error.path(environment.getExecutionStepInfo().getPath())
                    .location(environment.getField().getSourceLocation())
                    .build();
    }

    /**
     * The error a failure is answered with, or null to leave it to the default handling.
     */
    static GraphqlErrorBuilder<?> errorFor(Throwable failure) {
        if (failure instanceof BadInputException badInput) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put(ErrorCode.EXTENSION, ErrorCode.BAD_USER_INPUT.name());
            if (badInput.argument() != null) {
                extensions.put("argument", badInput.argument());
            }
            return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.BAD_REQUEST)
                .message(failure.getMessage())
                .extensions(extensions);
        }
        if (failure instanceof AccessDeniedException) {
            return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.FORBIDDEN)
                .message(failure.getMessage())
                .extensions(Map.of(ErrorCode.EXTENSION, ErrorCode.FORBIDDEN.name()));
        }
        return null;
    }

}
