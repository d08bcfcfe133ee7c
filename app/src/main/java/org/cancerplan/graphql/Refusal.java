package org.cancerplan.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import org.springframework.graphql.execution.ErrorType;

/**
 * Why a request was refused before or while it ran: each has a stable
 * {@code extensions.code}.
 */
public enum Refusal {

    DEPTH_LIMIT_EXCEEDED(ErrorType.BAD_REQUEST), COMPLEXITY_LIMIT_EXCEEDED(ErrorType.BAD_REQUEST),
    ALIAS_LIMIT_EXCEEDED(ErrorType.BAD_REQUEST), ROOT_FIELD_LIMIT_EXCEEDED(ErrorType.BAD_REQUEST),
    DOCUMENT_TOO_LARGE(ErrorType.BAD_REQUEST), PAGE_SIZE_OUT_OF_RANGE(ErrorType.BAD_REQUEST),
    LIST_TOO_LONG(ErrorType.BAD_REQUEST), UNTRUSTED_DOCUMENT(ErrorType.FORBIDDEN),
    RATE_LIMITED(RateLimitedType.INSTANCE), TOKEN_EXPIRED(ErrorType.UNAUTHORIZED), TIMEOUT(ErrorType.INTERNAL_ERROR);

    private final ErrorClassification classification;

    Refusal(ErrorClassification classification) {
        this.classification = classification;
    }

    public GraphQLError error(String message) {
        return error(message, Map.of());
    }

    public GraphQLError error(String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", name());
        extensions.putAll(details);
        return GraphQLError.newError().errorType(classification).message(message).extensions(extensions).build();
    }

    /**
     * Classification of {@link #RATE_LIMITED}: the request was fine, the caller must
     * wait.
     */
    enum RateLimitedType implements ErrorClassification {

        INSTANCE;

        @Override
        public String toString() {
            return "RATE_LIMITED";
        }

    }

}
