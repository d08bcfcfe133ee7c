package org.cancerplan.graphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * For {@code @BatchMapping}s: load the values of a page of sources with one call, and
 * pair them up again.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * @param sources the objects whose field is being resolved
     * @param key what identifies each source's value (null: no value)
     * @param load loads the values for all distinct keys at once, by key
     */
    public static <S, K, V> Map<S, V> pair(List<S> sources, Function<S, K> key,
            Function<Collection<K>, Map<K, V>> load) {
        Map<K, V> values = load.apply(sources.stream().map(key).filter(k -> k != null).distinct().toList());
        Map<S, V> paired = new LinkedHashMap<>();
        sources.forEach(source -> {
            K k = key.apply(source);
            paired.put(source, k == null ? null : values.get(k));
        });
        return paired;
    }

}
