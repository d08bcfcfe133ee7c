package org.cancerplan.graphql;

import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.cancerplan.shared.NhsNumber;

/**
 * {@code NhsNumber}: a 10-digit string with a valid modulus 11 check digit, as
 * {@link NhsNumber} in Java.
 */
final class NhsNumberScalar {

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
        .name("NhsNumber")
        .description("A 10-digit NHS number with a valid modulus 11 check digit, e.g. \"9434765919\".")
        .coercing(new NhsNumberCoercing())
        .build();

    private NhsNumberScalar() {
    }

    private static final class NhsNumberCoercing implements Coercing<NhsNumber, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof NhsNumber nhsNumber) {
                return nhsNumber.value();
            }
            if (value instanceof String text && NhsNumber.isValid(text)) {
                return text;
            }
            throw new CoercingSerializeException("Not an NHS number");
        }

        @Override
        public NhsNumber parseValue(Object input, GraphQLContext context, Locale locale) {
            if (!(input instanceof String text) || !NhsNumber.isValid(text)) {
                throw new CoercingParseValueException(problem(input));
            }
            return new NhsNumber(text);
        }

        @Override
        public NhsNumber parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                Locale locale) {
            if (!(input instanceof StringValue text) || !NhsNumber.isValid(text.getValue())) {
                throw new CoercingParseLiteralException(
                        problem(input instanceof StringValue text ? text.getValue() : input));
            }
            return new NhsNumber(text.getValue());
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static String problem(Object input) {
            return input instanceof String text ? NhsNumber.problemWith(text)
                    : "An NHS number is a string of 10 digits";
        }

    }

}
