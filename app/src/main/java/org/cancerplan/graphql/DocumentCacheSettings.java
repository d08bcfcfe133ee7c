package org.cancerplan.graphql;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of the caches that let each distinct document be parsed, validated and measured
 * once ({@code cancerplan.graphql.document-cache.*}).
 *
 * @param maxDocuments most parsed and validated documents kept (the least used are
 * dropped first)
 * @param maxShapes most measured operations kept, one per document, operation and
 * page-size variables
 */
@Validated
@ConfigurationProperties("cancerplan.graphql.document-cache")
record DocumentCacheSettings(@DefaultValue("1000") @PositiveOrZero int maxDocuments,
        @DefaultValue("10000") @PositiveOrZero int maxShapes) {
}
