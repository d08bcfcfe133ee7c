/**
 * Named neighbourhood cancer leads: the directory, assignment to plans with handover,
 * caseloads.
 */
package org.cancerplan.lead;
