/**
 * Assessments the patient fills in: the questionnaires (versioned data loaded at start).
 */
package org.cancerplan.assessment;
