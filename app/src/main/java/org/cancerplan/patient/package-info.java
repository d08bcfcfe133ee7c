/**
 * Patients: registration feeds add them; patients read their own record, staff read those
 * in their care.
 */
package org.cancerplan.patient;
