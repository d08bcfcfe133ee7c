package org.cancerplan.graphql;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;
import graphql.language.ArrayValue;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Value;
import graphql.util.TraversalControl;

/**
 * How big an operation is, measured on its parsed, validated document with the variables'
 * values. Introspection ({@code __schema}, {@code __type}, {@code __typename}) is not
 * counted. {@link OperationShapes} keeps it per document and the variables it depends on.
 *
 * @param depth deepest nesting of fields (a root field is depth 1)
 * @param complexity every field counts 1 plus its sub-fields; a connection's
 * {@code edges}/{@code nodes} count once per item asked for ({@code first}/{@code last},
 * else the default page size)
 * @param aliases aliased fields
 * @param rootFields top-level fields
 * @param smallestPage the smallest {@code first}/{@code last} given, or null
 * @param largestPage the largest {@code first}/{@code last} given, or null
 * @param longestList the most items in any list argument or variable
 * @param mutation whether the operation is a mutation
 */
record OperationShape(int depth, int complexity, int aliases, int rootFields, Integer smallestPage, Integer largestPage,
        int longestList, boolean mutation) {

    /**
     * Rate-limit points: the complexity, and 10 more for each change asked for (at least
     * 1).
     */
    int cost() {
        return Math.max(1, complexity + (mutation ? 10 * rootFields : 0));
    }

    /** This shape with the lists in the request's variables measured too. */
    OperationShape withListsOf(Map<String, Object> variables) {
        int longest = Math.max(longestList, longestListIn(variables));
        return longest == longestList ? this : new OperationShape(depth, complexity, aliases, rootFields, smallestPage,
                largestPage, longest, mutation);
    }

    private static int longestListIn(Object value) {
        if (value instanceof Collection<?> list) {
            int longest = list.size();
            for (Object item : list) {
                longest = Math.max(longest, longestListIn(item));
            }
            return longest;
        }
        if (value instanceof Map<?, ?> object) {
            int longest = 0;
            for (Object item : object.values()) {
                longest = Math.max(longest, longestListIn(item));
            }
            return longest;
        }
        return 0;
    }

    /**
     * Measures the operation, its lists as written in the document only (not those in
     * variables: see {@link #withListsOf}).
     */
    static OperationShape of(ExecutionContext execution) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
            .schema(execution.getGraphQLSchema())
            .document(execution.getDocument())
            .operationName(execution.getOperationDefinition().getName())
            .coercedVariables(execution.getCoercedVariables())
            .build();
        Walk walk = new Walk();
        traverser.visitPreOrder(walk);
        Complexity complexity = new Complexity();
        traverser.visitPostOrder(complexity);
        return new OperationShape(walk.depth, complexity.total(), walk.aliases, walk.rootFields, walk.smallestPage,
                walk.largestPage, walk.longestList,
                execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION);
    }

    private static boolean isIntrospection(QueryVisitorFieldEnvironment field) {
        return field.getField().getName().startsWith("__");
    }

    private static boolean insideIntrospection(QueryVisitorFieldEnvironment field) {
        for (var at = field; at != null; at = at.getParentEnvironment()) {
            if (isIntrospection(at)) {
                return true;
            }
        }
        return false;
    }

    private static int depthOf(QueryVisitorFieldEnvironment field) {
        int depth = 0;
        for (var at = field; at != null; at = at.getParentEnvironment()) {
            depth++;
        }
        return depth;
    }

    /** The page size a connection field asks for, or null if the field is not paged. */
    private static Integer pageSize(QueryVisitorFieldEnvironment field) {
        if (field.getFieldDefinition().getArgument("first") == null
                && field.getFieldDefinition().getArgument("last") == null) {
            return null;
        }
        Object first = field.getArguments().get("first");
        Object last = field.getArguments().get("last");
        return first instanceof Integer n ? n : last instanceof Integer n ? n : Pages.DEFAULT;
    }

    private static final class Walk extends QueryVisitorStub {

        int depth;

        int aliases;

        int rootFields;

        Integer smallestPage;

        Integer largestPage;

        int longestList;

        @Override
        public TraversalControl visitFieldWithControl(QueryVisitorFieldEnvironment field) {
            if (isIntrospection(field)) {
                return TraversalControl.ABORT;
            }
            depth = Math.max(depth, depthOf(field));
            aliases += field.getField().getAlias() != null ? 1 : 0;
            rootFields += field.getParentEnvironment() == null ? 1 : 0;
            for (String name : new String[] { "first", "last" }) {
                if (field.getArguments().get(name) instanceof Integer size) {
                    smallestPage = smallestPage == null ? size : Math.min(smallestPage, size);
                    largestPage = largestPage == null ? size : Math.max(largestPage, size);
                }
            }
            field.getField().getArguments().forEach(argument -> measureLists(argument.getValue()));
            return TraversalControl.CONTINUE;
        }

        private void measureLists(Value<?> value) {
            if (value instanceof ArrayValue list) {
                longestList = Math.max(longestList, list.getValues().size());
                list.getValues().forEach(this::measureLists);
            }
            else if (value instanceof ObjectValue object) {
                object.getObjectFields().forEach(field -> measureLists(field.getValue()));
            }
        }

    }

    /**
     * Sums complexity bottom-up: a field's own 1 plus its children's, multiplied for a
     * connection's items.
     */
    private static final class Complexity extends QueryVisitorStub {

        private final Map<QueryVisitorFieldEnvironment, Integer> childrenOf = new HashMap<>();

        @Override
        public void visitField(QueryVisitorFieldEnvironment field) {
            if (insideIntrospection(field)) {
                return;
            }
            int value = 1 + childrenOf.getOrDefault(field, 0);
            var parent = field.getParentEnvironment();
            String name = field.getField().getName();
            Integer items = parent != null && (name.equals("edges") || name.equals("nodes")) ? pageSize(parent) : null;
            if (items != null) {
                value *= Math.max(items, 1);
            }
            childrenOf.merge(parent, value, Integer::sum);
        }

        int total() {
            return childrenOf.getOrDefault(null, 0);
        }

    }
}
