package org.cancerplan.graphql;

import graphql.GraphQLError;
import org.cancerplan.shared.BadInputException;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** The same mapping as {@link ErrorMapping}, for failures of subscriptions. */
@Component
class SubscriptionErrorMapping extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure) {
        ErrorType type = failure instanceof AccessDeniedException ? ErrorType.FORBIDDEN
                : failure instanceof BadInputException ? ErrorType.BAD_REQUEST : null;
        return type == null ? null : GraphQLError.newError().errorType(type).message(failure.getMessage()).build();
    }
}
