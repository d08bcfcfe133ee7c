package org.cancerplan.graphql;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on every GraphQL request ({@code cancerplan.graphql.limits.*}); anything over
 * them is refused before it runs.
 *
 * @param maxDepth deepest nesting of fields
 * @param maxComplexity most fields, where a connection's edges/nodes count once per page
 * item
 * @param maxAliases most aliased fields
 * @param maxRootFields most top-level fields
 * @param maxDocumentBytes largest document (UTF-8 bytes of query)
 * @param maxRequestBytes largest request body (bytes) of a patient or staff member; a
 * larger one is refused with HTTP 413 before it is parsed
 * @param maxIntegrationRequestBytes largest request body of an integration, whose batches
 * (1000 invitations, 500 patients) are larger
 * @param maxPageSize largest first/last (the smallest is 1)
 * @param maxListItems longest list in an argument or variable
 * @param timeout longest a request may run; then its remaining work is cancelled
 */
@Validated
@ConfigurationProperties("cancerplan.graphql.limits")
public record LimitSettings(@DefaultValue("12") @Positive int maxDepth,
        @DefaultValue("1500") @Positive int maxComplexity, @DefaultValue("30") @Positive int maxAliases,
        @DefaultValue("10") @Positive int maxRootFields, @DefaultValue("32768") @Positive int maxDocumentBytes,
        @DefaultValue("65536") @Positive int maxRequestBytes,
        @DefaultValue("524288") @Positive int maxIntegrationRequestBytes,
        @DefaultValue("" + Pages.MAX) @Positive int maxPageSize, @DefaultValue("1000") @Positive int maxListItems,
        @DefaultValue("10s") @DurationMin(nanos = 1, message = "must be longer than 0") Duration timeout) {
}
