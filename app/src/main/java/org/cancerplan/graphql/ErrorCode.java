package org.cancerplan.graphql;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import org.springframework.graphql.execution.ErrorType;

/**
 * The stable {@code extensions.code} of every GraphQL error that is not a {@link Refusal}
 * (those carry their own); {@link ErrorCodes} puts it on each error, beside the
 * {@code classification}.
 */
enum ErrorCode {

    /** No valid token; over HTTP this is a 401 before any GraphQL runs. */
    UNAUTHENTICATED(ErrorType.UNAUTHORIZED),
    /** The caller may not do this. */
    FORBIDDEN(ErrorType.FORBIDDEN),
    /**
     * Spring's {@code NOT_FOUND}; no operation raises it today (what is missing is null
     * or a payload error).
     */
    NOT_FOUND(ErrorType.NOT_FOUND),
    /**
     * An argument or variable that does not fit its type, or that the service refuses.
     */
    BAD_USER_INPUT(ErrorType.BAD_REQUEST),
    /** The document does not validate against the schema. */
    GRAPHQL_VALIDATION_FAILED(null),
    /** The document is not GraphQL. */
    GRAPHQL_PARSE_FAILED(null),
    /** Anything unforeseen: the message reveals nothing, the log has the details. */
    INTERNAL(ErrorType.INTERNAL_ERROR);

    static final String EXTENSION = "code";

    /** Spring for GraphQL's classification that implies this code, if one does. */
    private final ErrorClassification classification;

    ErrorCode(ErrorClassification classification) {
        this.classification = classification;
    }

    /** The code an error carries, or else the one its kind implies. */
    static String of(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().get(EXTENSION) instanceof String code) {
            return code;
        }
        ErrorCode requestError = RequestErrors.codeOf(error);
        if (requestError != null) {
            return requestError.name();
        }
        for (ErrorCode code : values()) {
            if (code.classification != null && code.classification.equals(error.getErrorType())) {
                return code.name();
            }
        }
        return INTERNAL.name();
    }

}
