package org.cancerplan.graphql;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerContext;
import org.springframework.stereotype.Component;

/**
 * Measures each validated operation ({@link OperationShapes}), refuses it if it is over a
 * {@link LimitSettings} limit, then spends its cost from the caller's rate-limit budget.
 * The spending is left in the GraphQL context for {@link RequestGuard} to report.
 */
@Component
class RequestLimits extends SimplePerformantInstrumentation {

    static final String SPENDING = "cancerplan.rate-limit.spending";
    static final String DEADLINE = "cancerplan.request.deadline";
    static final String TIMED_OUT = "cancerplan.request.timed-out";
    static final String OPERATION = "cancerplan.request.operation";

    private final LimitSettings limits;

    private final RateLimits rateLimits;

    private final OperationShapes shapes;

    RequestLimits(LimitSettings limits, RateLimits rateLimits, OperationShapes shapes) {
        this.limits = limits;
        this.rateLimits = rateLimits;
        this.shapes = shapes;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        GraphQLContext context = parameters.getExecutionContext().getGraphQLContext();
        String operation = parameters.getExecutionContext().getOperationDefinition().getName();
        context.put(OPERATION, operation != null ? operation : "(anonymous)");
        OperationShape shape = shapes.of(parameters.getExecutionContext());
        refuseIfOverLimits(shape);
        Caller caller = context.get(CallerContext.KEY);
        RateLimits.Spending spending = rateLimits.spend(caller, shape.cost());
        context.put(SPENDING, spending);
        if (!spending.allowed()) {
            throw refusal(Refusal.RATE_LIMITED.error(
                    "Too many requests: this operation costs " + spending.requested() + " points and "
                            + spending.currentlyAvailable() + " are available; retry after "
                            + spending.retryAfterSeconds() + " s",
                    Map.of("retryAfterSeconds", spending.retryAfterSeconds())));
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /**
     * Past the request's deadline no further data fetcher starts (its field fails; the
     * guard answers TIMEOUT).
     */
    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
            InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return dataFetcher;
        }
        return environment -> {
            GraphQLContext context = environment.getGraphQlContext();
            Long deadline = context.get(DEADLINE);
            if (deadline != null && System.nanoTime() - deadline > 0) {
                context.put(TIMED_OUT, true);
                throw new AbortExecutionException("The request ran out of time");
            }
            return dataFetcher.get(environment);
        };
    }

    private void refuseIfOverLimits(OperationShape shape) {
        if (shape.depth() > limits.maxDepth()) {
            throw refusal(Refusal.DEPTH_LIMIT_EXCEEDED
                .error("The operation is nested " + shape.depth() + " fields deep; at most " + limits.maxDepth()));
        }
        if (shape.complexity() > limits.maxComplexity()) {
            throw refusal(Refusal.COMPLEXITY_LIMIT_EXCEEDED.error("The operation asks for " + shape.complexity()
                    + " fields (page items counted); at most " + limits.maxComplexity()));
        }
        if (shape.aliases() > limits.maxAliases()) {
            throw refusal(Refusal.ALIAS_LIMIT_EXCEEDED
                .error("The operation has " + shape.aliases() + " aliases; at most " + limits.maxAliases()));
        }
        if (shape.rootFields() > limits.maxRootFields()) {
            throw refusal(Refusal.ROOT_FIELD_LIMIT_EXCEEDED.error("The operation has " + shape.rootFields()
                    + " top-level fields; at most " + limits.maxRootFields()));
        }
        if ((shape.smallestPage() != null && shape.smallestPage() < 1)
                || (shape.largestPage() != null && shape.largestPage() > limits.maxPageSize())) {
            throw refusal(Refusal.PAGE_SIZE_OUT_OF_RANGE
                .error("first and last must be between 1 and " + limits.maxPageSize()));
        }
        if (shape.longestList() > limits.maxListItems()) {
            throw refusal(Refusal.LIST_TOO_LONG
                .error("A list argument has " + shape.longestList() + " items; at most " + limits.maxListItems()));
        }
    }

    private static AbortExecutionException refusal(GraphQLError error) {
        return new AbortExecutionException(List.of(error));
    }

}
