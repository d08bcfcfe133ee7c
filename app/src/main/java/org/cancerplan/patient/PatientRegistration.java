package org.cancerplan.patient;

import java.time.LocalDate;

/**
 * One record of a registration feed (the GraphQL {@code PatientRegistrationInput}).
 * {@code deceasedOn} is the date of death as PDS records it; a record without it leaves a
 * death already recorded in place.
 */
public record PatientRegistration(String nhsNumber, String givenName, String familyName, LocalDate dateOfBirth,
        String postcode, String lsoaCode, String gpPracticeCode, LocalDate deceasedOn) {

    public PatientRegistration(String nhsNumber, String givenName, String familyName, LocalDate dateOfBirth,
            String postcode, String lsoaCode, String gpPracticeCode) {
        this(nhsNumber, givenName, familyName, dateOfBirth, postcode, lsoaCode, gpPracticeCode, null);
    }

    /**
     * The same record with surrounding spaces removed, blank optional fields as null and
     * the postcode upper-cased.
     */
    PatientRegistration normalised() {
        return new PatientRegistration(trim(nhsNumber), trim(givenName), trim(familyName), dateOfBirth,
                postcode == null ? null : normalisePostcode(postcode), upper(lsoaCode), upper(gpPracticeCode),
                deceasedOn);
    }

    PatientRegistration withDeceasedOn(LocalDate on) {
        return new PatientRegistration(nhsNumber, givenName, familyName, dateOfBirth, postcode, lsoaCode,
                gpPracticeCode, on);
    }

    private static String normalisePostcode(String postcode) {
        String compact = postcode.replaceAll("\\s+", "").toUpperCase();
        if (compact.isEmpty()) {
            return null;
        }
        return compact.length() > 3
                ? compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3) : compact;
    }

    private static String upper(String value) {
        String trimmed = trim(value);
        return trimmed == null || trimmed.isEmpty() ? null : trimmed.toUpperCase();
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
