/**
 * The audit trail: who read or changed which patient's data, when, and whether it was
 * allowed; append-only.
 */
package org.cancerplan.audit;
