package org.cancerplan.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

/**
 * The codes of the errors graphql-java reports before it executes anything: the document
 * does not parse, does not validate, or has arguments or variables that do not fit their
 * types.
 */
final class RequestErrors {

    private RequestErrors() {
    }

    /** The error's code, or null if graphql-java did not report it as a request error. */
    static ErrorCode codeOf(GraphQLError error) {
        if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException
                || error instanceof InputMapDefinesTooManyFieldsException
                || (error instanceof ValidationError validation
                        && validation.getValidationErrorType() == ValidationErrorType.WrongType)) {
            return ErrorCode.BAD_USER_INPUT;
        }
        if (error.getErrorType() == ErrorType.InvalidSyntax) {
            return ErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (error.getErrorType() == ErrorType.ValidationError
                || error.getErrorType() == ErrorType.OperationNotSupported) {
            return ErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        return null;
    }

}
