package org.cancerplan.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import org.cancerplan.shared.Dates;

/**
 * The scalars the schema declares, for the running service and for tools that check
 * documents against it.
 */
public final class Scalars {

    /**
     * {@code Date} as in graphql-java-extended-scalars, except that a day that does not
     * exist ({@code 2026-09-31}) is refused instead of moved to the end of its month.
     */
    static final GraphQLScalarType DATE = GraphQLScalarType.newScalar(ExtendedScalars.Date)
        .coercing(new StrictDateReading(ExtendedScalars.Date.getCoercing()))
        .build();

    /**
     * {@code DateTime} as in graphql-java-extended-scalars (which already refuses a day
     * that does not exist), also writing {@link Instant}s (as UTC).
     */
    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar(ExtendedScalars.DateTime)
        .coercing(new InstantWriting(ExtendedScalars.DateTime.getCoercing()))
        .build();

    public static final List<GraphQLScalarType> ALL = List.of(DATE, DATE_TIME, NhsNumberScalar.TYPE);

    private Scalars() {
    }

    /**
     * A coercing that does what the extended scalar's does, except where a subclass says
     * otherwise.
     */
    private abstract static class Delegating implements Coercing<Object, Object> {

        final Coercing<Object, Object> delegate;

        @SuppressWarnings("unchecked")
        Delegating(Coercing<?, ?> delegate) {
            this.delegate = (Coercing<Object, Object>) delegate;
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return delegate.serialize(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return delegate.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return delegate.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return delegate.valueToLiteral(input, context, locale);
        }

    }

    private static final class InstantWriting extends Delegating {

        InstantWriting(Coercing<?, ?> delegate) {
            super(delegate);
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return delegate.serialize(asUtc(value), context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return delegate.valueToLiteral(asUtc(input), context, locale);
        }

        private static Object asUtc(Object value) {
            return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
        }

    }

    /**
     * Reads dates as {@link Dates#parse} does (a four-digit year, no day moved), leaving
     * all else to the delegate.
     */
    private static final class StrictDateReading extends Delegating {

        StrictDateReading(Coercing<?, ?> delegate) {
            super(delegate);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input instanceof String text ? date(text, CoercingParseValueException::new)
                    : delegate.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return input instanceof StringValue text ? date(text.getValue(), CoercingParseLiteralException::new)
                    : delegate.parseLiteral(input, variables, context, locale);
        }

        private static LocalDate date(String text, Function<String, RuntimeException> problem) {
            try {
                return Dates.parse(text);
            }
            catch (DateTimeParseException notADate) {
                throw problem.apply("'" + text + "' is not a date as YYYY-MM-DD"
                        + (notADate.getCause() != null ? ": " + notADate.getCause().getMessage() : ""));
            }
        }

    }

}
