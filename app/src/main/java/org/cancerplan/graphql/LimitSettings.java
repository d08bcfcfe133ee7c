package org.cancerplan.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on every GraphQL request ({@code cancerplan.graphql.limits.*}); anything over them is refused before it runs.
 *
 * @param maxDepth deepest nesting of fields
 * @param maxComplexity most fields, where a connection's {@code edges}/{@code nodes} count once per page item
 * @param maxAliases most aliased fields
 * @param maxRootFields most top-level fields
 * @param maxDocumentBytes largest document (UTF-8 bytes of {@code query})
 * @param maxRequestBytes largest request body (bytes) of a patient or staff member; a larger one is refused with HTTP
 *        413 before it is parsed
 * @param maxIntegrationRequestBytes largest request body of an integration, whose batches (1000 invitations, 500
 *        patients) are larger
 * @param maxPageSize largest {@code first}/{@code last} (the smallest is 1)
 * @param maxListItems longest list in an argument or variable
 * @param timeout longest a request may run; then its remaining work is cancelled
 */
@ConfigurationProperties("cancerplan.graphql.limits")
public record LimitSettings(Integer maxDepth, Integer maxComplexity, Integer maxAliases, Integer maxRootFields,
        Integer maxDocumentBytes, Integer maxRequestBytes, Integer maxIntegrationRequestBytes, Integer maxPageSize,
        Integer maxListItems, Duration timeout) {

    public LimitSettings {
        maxDepth = maxDepth != null ? maxDepth : 12;
        maxComplexity = maxComplexity != null ? maxComplexity : 1_000;
        maxAliases = maxAliases != null ? maxAliases : 30;
        maxRootFields = maxRootFields != null ? maxRootFields : 10;
        maxDocumentBytes = maxDocumentBytes != null ? maxDocumentBytes : 32 * 1024;
        maxRequestBytes = maxRequestBytes != null ? maxRequestBytes : 64 * 1024;
        maxIntegrationRequestBytes = maxIntegrationRequestBytes != null ? maxIntegrationRequestBytes : 512 * 1024;
        maxPageSize = maxPageSize != null ? maxPageSize : Pages.MAX;
        maxListItems = maxListItems != null ? maxListItems : 1_000;
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
    }
}
