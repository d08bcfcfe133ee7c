package org.cancerplan.graphql;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder;
import org.springframework.stereotype.Component;

/**
 * Parses and validates each distinct document once. A document that failed is kept with
 * its errors, so it fails the same way every time without being parsed again. The key
 * holds the locale, in which validation errors are written. The cache's hits and misses
 * are the meter {@code cache.gets} tagged {@code cache=graphql.documents}.
 */
@Component
class DocumentCache implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

    static final String CACHE = "graphql.documents";

    private record Key(String document, String operationName, Locale locale) {
    }

    private final Cache<Key, PreparsedDocumentEntry> entries;

    DocumentCache(DocumentCacheSettings settings, MeterRegistry meters) {
        this.entries = CaffeineCacheMetrics.monitor(meters,
                Caffeine.newBuilder().maximumSize(settings.maxDocuments()).recordStats().build(), CACHE);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Key key = new Key(input.getQuery(), input.getOperationName(), input.getLocale());
        return CompletableFuture.completedFuture(entries.get(key, unused -> parseAndValidate.apply(input)));
    }

    @Override
    public void customize(SchemaResourceBuilder builder) {
        builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
    }

}
