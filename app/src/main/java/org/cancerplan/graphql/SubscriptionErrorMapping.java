package org.cancerplan.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/** The same mapping as {@link ErrorMapping}, for failures of subscriptions. */
@Component
class SubscriptionErrorMapping extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure) {
        GraphqlErrorBuilder<?> error = ErrorMapping.errorFor(failure);
        return error == null ? null : error.build();
    }

}
