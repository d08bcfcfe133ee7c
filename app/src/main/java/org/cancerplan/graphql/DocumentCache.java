package org.cancerplan.graphql;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource.SchemaResourceBuilder;
import org.springframework.stereotype.Component;

/**
 * Parses and validates each distinct document once. A document that failed is kept with its errors, so it fails the
 * same way every time without being parsed again. The key holds the locale, in which validation errors are written.
 */
@Component
class DocumentCache implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

    private record Key(String document, String operationName, Locale locale) {
    }

    private final Cache<Key, PreparsedDocumentEntry> entries;

    DocumentCache(DocumentCacheSettings settings) {
        this.entries = Caffeine.newBuilder().maximumSize(settings.maxDocuments()).build();
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
