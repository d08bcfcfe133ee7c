/**
 * Personalised cancer plans: diagnosis, treatment, wider needs, goals, care team and the
 * waiting-time pathway.
 */
package org.cancerplan.plan;
