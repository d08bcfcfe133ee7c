package org.cancerplan.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The key tuples of one {@link SecondaryIndex}, as {@link IndexTokens} text: those a
 * document puts in the index (one per combination of the values under its keys, so arrays
 * give several), and the prefixes of those a query can match.
 */
final class KeyTuples {

    /**
     * Beyond this many value combinations of the leading keys, further keys are left to
     * the matcher.
     */
    private static final int MAX_PREFIXES = 1_000;

    private final List<String> keys;

    private final boolean sparse;

    KeyTuples(List<String> keys, boolean sparse) {
        this.keys = List.copyOf(keys);
        this.sparse = sparse;
    }

    /**
     * The token strings of the document's key tuples (without its position): every
     * combination of the values found under each key. None for a sparse index when the
     * document has no value under any key.
     */
    Set<String> of(Document document) {
        List<String> tuples = List.of("");
        boolean allNull = true;
        for (String key : keys) {
            Set<String> tokens = new LinkedHashSet<>();
            collectTokens(document, List.of(key.split("\\.", -1)), 0, tokens);
            allNull &= tokens.equals(Set.of(IndexTokens.NULL));
            tuples = combined(tuples, tokens);
        }
        if (allNull && sparse) {
            return Set.of();
        }
        return new LinkedHashSet<>(tuples);
    }

    /**
     * Walks the path as the query matcher does: through arrays at every level, into the
     * last value's array and the arrays in it.
     */
    private static void collectTokens(Object container, List<String> path, int segment, Set<String> tokens) {
        if (container instanceof List<?> list) {
            if (list.isEmpty()) {
                tokens.add(IndexTokens.NULL);
            }
            for (Object element : list) {
                collectTokens(element, path, segment, tokens);
            }
            return;
        }
        if (!(container instanceof Document document)) {
            tokens.add(IndexTokens.NULL);
            return;
        }
        Object value = document.getOrMissing(path.get(segment));
        if (segment < path.size() - 1) {
            collectTokens(value, path, segment + 1, tokens);
        }
        else if (value instanceof Collection<?> values) {
            if (values.isEmpty()) {
                tokens.add(IndexTokens.NULL);
            }
            for (Object element : values) {
                tokens.add(IndexTokens.ofDocumentValue(element));
                if (element instanceof Collection<?> nested) {
                    // $in also matches the elements of an array nested in the array
                    nested.forEach(inner -> tokens.add(IndexTokens.ofDocumentValue(inner)));
                }
            }
        }
        else {
            tokens.add(IndexTokens.ofDocumentValue(value));
        }
    }

    /**
     * The token prefixes of the entries that can match the query, from the conditions on
     * its leading keys; null when the query has no condition this index can answer on its
     * first key.
     */
    List<String> prefixesFor(Document query) {
        Map<String, Object> conditions = new HashMap<>();
        collectConditions(query, conditions);
        List<String> prefixes = null;
        for (String key : keys) {
            List<String> tokens = conditions.containsKey(key) ? tokensFor(conditions.get(key)) : null;
            if (tokens == null) {
                break;
            }
            if (prefixes == null) {
                prefixes = tokens;
            }
            else if ((long) prefixes.size() * tokens.size() <= MAX_PREFIXES) {
                prefixes = combined(prefixes, tokens);
            }
            else {
                break;
            }
        }
        return prefixes;
    }

    /**
     * The token prefixes of every combination of the values the query names for the first
     * {@code keyCount} keys, in which entries are in the order of the next key; null when
     * the query does not name each of them with values, or names more than
     * {@code maxPrefixes} combinations.
     */
    List<String> prefixesBefore(Document query, int keyCount, int maxPrefixes) {
        Map<String, Object> conditions = new HashMap<>();
        collectConditions(query, conditions);
        List<String> prefixes = List.of("");
        for (String key : keys.subList(0, keyCount)) {
            List<String> tokens = conditions.containsKey(key) ? tokensFor(conditions.get(key)) : null;
            if (tokens == null || (long) prefixes.size() * tokens.size() > maxPrefixes) {
                return null;
            }
            prefixes = combined(prefixes, tokens);
        }
        return prefixes;
    }

    /**
     * The query's conditions on fields, with those of its top-level {@code $and}: every
     * one must hold, so any one of them on a key bounds the candidates.
     */
    static void collectConditions(Document query, Map<String, Object> conditions) {
        query.forEach((key, condition) -> {
            if (key.equals("$and") && condition instanceof List<?> clauses) {
                clauses.stream()
                    .filter(Document.class::isInstance)
                    .forEach(clause -> collectConditions((Document) clause, conditions));
            }
            else if (!key.startsWith("$")) {
                conditions.putIfAbsent(key, condition);
            }
        });
    }

    /**
     * The tokens of the values a condition accepts, or null when the index cannot answer
     * it.
     */
    List<String> tokensFor(Object condition) {
        Collection<?> values;
        if (condition instanceof Document operators) {
            if (operators.keySet().equals(Set.of("$eq"))) {
                values = List.of(Missing.ofNullable(operators.get("$eq")));
            }
            else if (operators.keySet().equals(Set.of("$in")) && operators.get("$in") instanceof Collection<?> in) {
                values = in;
            }
            else {
                return null;
            }
        }
        else {
            values = List.of(Missing.ofNullable(condition));
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (Object value : values) {
            String token = IndexTokens.ofQueryValue(value);
            if (token == null || (sparse && token.equals(IndexTokens.NULL))) {
                return null; // a sparse index lacks the documents that match null by
                             // missing the key
            }
            tokens.add(token);
        }
        return new ArrayList<>(tokens);
    }

    static List<String> combined(List<String> prefixes, Collection<String> tokens) {
        List<String> combined = new ArrayList<>(prefixes.size() * tokens.size());
        for (String prefix : prefixes) {
            for (String token : tokens) {
                combined.add(prefix + token);
            }
        }
        return combined;
    }

}
