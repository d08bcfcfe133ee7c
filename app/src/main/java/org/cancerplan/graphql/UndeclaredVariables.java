package org.cancerplan.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.VariableDefinition;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Refuses a request whose {@code variables} name any the operation does not declare, as a
 * validation error ({@code GRAPHQL_VALIDATION_FAILED}) naming them; first of the
 * instrumentations, so it costs no rate-limit points.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UndeclaredVariables extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (execution.getExecutionInput().getVariables().isEmpty()) {
            return super.beginExecuteOperation(parameters, state);
        }
        Set<String> declared = execution.getOperationDefinition()
            .getVariableDefinitions()
            .stream()
            .map(VariableDefinition::getName)
            .collect(Collectors.toSet());
        List<String> undeclared = execution.getExecutionInput()
            .getVariables()
            .keySet()
            .stream()
            .filter(name -> !declared.contains(name))
            .sorted()
            .toList();
        if (!undeclared.isEmpty()) {
            throw new AbortExecutionException(List.of(ValidationError.newValidationError()
                .validationErrorType(ValidationErrorType.UndefinedVariable)
                .description("The operation declares no variable named " + String.join(", ", undeclared))
                .sourceLocation(execution.getOperationDefinition().getSourceLocation())
                .extensions(Map.of("code", "GRAPHQL_VALIDATION_FAILED"))
                .build()));
        }
        return super.beginExecuteOperation(parameters, state);
    }

}
