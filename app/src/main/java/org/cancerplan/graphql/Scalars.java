package org.cancerplan.graphql;

import java.util.List;

import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLScalarType;

/** The scalars the schema declares, for the running service and for tools that check documents against it. */
public final class Scalars {

    public static final List<GraphQLScalarType> ALL = List.of(ExtendedScalars.Date, ExtendedScalars.DateTime,
            NhsNumberScalar.TYPE);

    private Scalars() {
    }
}
