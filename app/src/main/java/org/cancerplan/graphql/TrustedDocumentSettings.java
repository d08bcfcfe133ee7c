package org.cancerplan.graphql;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may send only the published client operations ({@link TrustedDocuments}).
 *
 * @param trustedDocuments off, patients (patient callers) or all (every caller)
 */
@ConfigurationProperties("cancerplan.graphql")
record TrustedDocumentSettings(@DefaultValue("patients") TrustedDocuments.Mode trustedDocuments) {
}
