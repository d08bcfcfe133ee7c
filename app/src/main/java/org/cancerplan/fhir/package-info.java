/**
 * A patient's record as a FHIR R4 {@code Bundle}: for integrations
 * ({@code patientFhirBundle}) and the admin shell ({@code patient export --format fhir}).
 */
package org.cancerplan.fhir;
