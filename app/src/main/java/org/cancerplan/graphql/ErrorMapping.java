package org.cancerplan.graphql;

import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import org.cancerplan.shared.BadInputException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/** Bad arguments become {@code BAD_REQUEST} errors carrying their message; nothing else is revealed. */
@Component
class ErrorMapping extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        if (failure instanceof BadInputException bad) {
            return GraphQLError.newError().errorType(ErrorType.BAD_REQUEST).message(bad.getMessage())
                    .path(environment.getExecutionStepInfo().getPath())
                    .location(environment.getField().getSourceLocation()).build();
        }
        return null;
    }
}
