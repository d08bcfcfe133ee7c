package org.cancerplan.graphql;

import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.ExecutionContext;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Measures each operation once per document and the values of its {@code Int} and
 * {@code Boolean} variables: the only ones that can change its shape (page sizes
 * {@code first}/{@code last}, {@code @skip}/{@code @include} conditions). The lists in
 * the variables are measured on every request. The cache's hits and misses are the meter
 * {@code cache.gets} tagged {@code cache=graphql.operation-shapes}.
 */
@Component
class OperationShapes {

    static final String CACHE = "graphql.operation-shapes";

    private record Key(String document, String operationName, Map<String, Object> shapingVariables) {
    }

    private final Cache<Key, OperationShape> shapes;

    OperationShapes(DocumentCacheSettings settings, MeterRegistry meters) {
        this.shapes = CaffeineCacheMetrics.monitor(meters,
                Caffeine.newBuilder().maximumSize(settings.maxShapes()).recordStats().build(), CACHE);
    }

    OperationShape of(ExecutionContext execution) {
        Map<String, Object> variables = execution.getCoercedVariables().toMap();
        Key key = new Key(execution.getExecutionInput().getQuery(), execution.getOperationDefinition().getName(),
                shapingVariables(execution, variables));
        return shapes.get(key, unused -> OperationShape.of(execution)).withListsOf(variables);
    }

    private static Map<String, Object> shapingVariables(ExecutionContext execution, Map<String, Object> variables) {
        Map<String, Object> shaping = new HashMap<>();
        for (VariableDefinition variable : execution.getOperationDefinition().getVariableDefinitions()) {
            Type<?> type = variable.getType() instanceof NonNullType nonNull ? nonNull.getType() : variable.getType();
            if (type instanceof TypeName name && (name.getName().equals("Int") || name.getName().equals("Boolean"))) {
                shaping.put(variable.getName(), variables.get(variable.getName()));
            }
        }
        return shaping;
    }

}
