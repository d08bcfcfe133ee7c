package org.cancerplan.graphql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;

/** The scalars the schema declares, for the running service and for tools that check documents against it. */
public final class Scalars {

    /** {@code DateTime} as in graphql-java-extended-scalars, also writing {@link Instant}s (as UTC). */
    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar(ExtendedScalars.DateTime)
            .coercing(new InstantWriting(ExtendedScalars.DateTime.getCoercing()))
            .build();

    public static final List<GraphQLScalarType> ALL = List.of(ExtendedScalars.Date, DATE_TIME, NhsNumberScalar.TYPE);

    private Scalars() {
    }

    private static final class InstantWriting implements Coercing<Object, Object> {

        private final Coercing<Object, Object> delegate;

        @SuppressWarnings("unchecked")
        InstantWriting(Coercing<?, ?> delegate) {
            this.delegate = (Coercing<Object, Object>) delegate;
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return delegate.serialize(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value,
                    context, locale);
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
            return delegate.valueToLiteral(input instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : input,
                    context, locale);
        }
    }
}
