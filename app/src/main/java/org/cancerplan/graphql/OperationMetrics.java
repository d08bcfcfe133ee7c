package org.cancerplan.graphql;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.cancerplan.security.Caller;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Counts GraphQL requests per operation name, caller kind and outcome ({@value #METER}).
 * Operation names come from clients, so only the first {@value #MAX_NAMES} well-formed
 * names get their own series; later ones count as {@code other}.
 */
@Component
class OperationMetrics {

    static final String METER = "cancerplan.graphql.operations";
    static final int MAX_NAMES = 200;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final MeterRegistry registry;

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    OperationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String operationName, Caller caller, ExecutionGraphQlResponse response) {
        Counter.builder(METER)
            .description("GraphQL requests by operation, caller kind and outcome")
            .tag("operation", bounded(operationName))
            .tag("caller", caller == null ? "NONE" : caller.kind().name())
            .tag("outcome", outcome(response))
            .register(registry)
            .increment();
    }

    private String bounded(String name) {
        if (name == null || !WELL_FORMED.matcher(name).matches()) {
            return "other";
        }
        if (names.contains(name) || (names.size() < MAX_NAMES && names.add(name))) {
            return name;
        }
        return "other";
    }

    /**
     * {@code ok}, or the first error's code ({@code PAGE_SIZE_OUT_OF_RANGE},
     * {@code FORBIDDEN} ...).
     */
    private static String outcome(ExecutionGraphQlResponse response) {
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        return errors.isEmpty() ? "ok" : ErrorCode.of(errors.get(0));
    }

}
