/**
 * GraphQL plumbing shared by the features: scalars, error mapping and request limits.
 */
package org.cancerplan.graphql;
