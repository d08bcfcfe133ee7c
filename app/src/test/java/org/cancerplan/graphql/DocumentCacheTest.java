package org.cancerplan.graphql;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.cancerplan.support.GraphQlHttp;
import org.cancerplan.support.GraphQlHttp.Response;
import org.cancerplan.support.IdentityProviders;
import org.cancerplan.support.IsolatedStoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Each distinct document is parsed and validated once; one that failed validation fails every time. */
@Import(DocumentCacheTest.ParseCounter.class)
@TestPropertySource(properties = "cancerplan.graphql.trusted-documents=off")
class DocumentCacheTest extends IsolatedStoreTest {

    private static final String PATIENT = IdentityProviders.patientToken("9434765919");

    @Autowired
    ParseCounter parses;

    GraphQlHttp graphql;

    @BeforeEach
    void client() {
        graphql = new GraphQlHttp(port);
    }

    @Test
    void theSecondIdenticalRequestIsNotParsedAgain() {
        String document = "query Mine { me { nhsNumber } } # " + UUID.randomUUID();

        Response first = graphql.post(PATIENT, document);
        Response second = graphql.post(PATIENT, document);

        assertThat(first.hasErrors()).isFalse();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(parses.of(document)).isEqualTo(1);
    }

    @Test
    void anInvalidDocumentIsRefusedEveryTimeButParsedOnce() {
        String document = "query Misspelt { me { nhsNumbr } } # " + UUID.randomUUID();

        for (int i = 0; i < 2; i++) {
            Response response = graphql.post(PATIENT, document);
            assertThat(response.data("me").isMissingNode() || response.data("me").isNull()).isTrue();
            assertThat(response.firstErrorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
            assertThat(response.body().at("/errors/0/message").asString()).contains("nhsNumbr");
        }
        assertThat(parses.of(document)).isEqualTo(1);
    }

    @Test
    void aDocumentThatDoesNotParseIsRefusedEveryTime() {
        String document = "query Unclosed { me { nhsNumber } # " + UUID.randomUUID();

        for (int i = 0; i < 2; i++) {
            assertThat(graphql.post(PATIENT, document).firstErrorClassification()).isEqualTo("InvalidSyntax");
        }
        assertThat(parses.of(document)).isEqualTo(1);
    }

    /** Counts graphql-java's parse step by document text (it is skipped when the document comes from the cache). */
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
