package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cancerplan.support.GraphQlResponses.firstError;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester.Response;
import org.springframework.test.context.TestPropertySource;

/**
 * Each distinct document is parsed and validated once; one that failed validation fails
 * every time.
 */
@Import(DocumentCacheTest.ParseCounter.class)
@TestPropertySource(properties = "cancerplan.graphql.trusted-documents=off")
class DocumentCacheTest extends IsolatedStoreTest {

    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    @Autowired
    ParseCounter parses;

    @Test
    void theSecondIdenticalRequestIsNotParsedAgain() {
        String document = "query Mine { me { nhsNumber } } # " + UUID.randomUUID();

        Response first = as(PATIENT).document(document).execute();
        Response second = as(PATIENT).document(document).execute();

        first.errors().verify();
        assertThat(second.returnResponse().toMap()).isEqualTo(first.returnResponse().toMap());
        assertThat(parses.of(document)).isEqualTo(1);
    }

    @Test
    void anInvalidDocumentIsRefusedEveryTimeButParsedOnce() {
        String document = "query Misspelt { me { nhsNumbr } } # " + UUID.randomUUID();

        for (int i = 0; i < 2; i++) {
            Response response = as(PATIENT).document(document).execute();
            assertThat(response.returnResponse().field("me").<Object>getValue()).isNull();
            assertThat(firstError(response).getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
            assertThat(firstError(response).getMessage()).contains("nhsNumbr");
        }
        assertThat(parses.of(document)).isEqualTo(1);
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedEveryTime() {
        String document = "query Unclosed { me { nhsNumber } # " + UUID.randomUUID();

        for (int i = 0; i < 2; i++) {
            assertThat(firstError(as(PATIENT).document(document).execute()).getExtensions())
                .containsEntry("classification", "InvalidSyntax");
        }
        assertThat(parses.of(document)).isEqualTo(1);
    }

    /**
     * Counts graphql-java's parse step by document text (it is skipped when the document
     * comes from the cache).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ParseCounter {

        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        int of(String document) {
            return counts.getOrDefault(document, new AtomicInteger()).get();
        }

        @Bean
        Instrumentation countsParses() {
            return new SimplePerformantInstrumentation() {
                @Override
                public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
                        InstrumentationState state) {
                    counts.computeIfAbsent(parameters.getQuery(), unused -> new AtomicInteger()).incrementAndGet();
                    return super.beginParse(parameters, state);
                }
            };
        }

    }

}
