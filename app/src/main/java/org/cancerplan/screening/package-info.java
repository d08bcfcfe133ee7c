/**
 * Cancer screening invitations: the four programmes, the invitation lifecycle, patient
 * responses, integration feeds, reminders, and uptake by deprivation.
 */
package org.cancerplan.screening;
