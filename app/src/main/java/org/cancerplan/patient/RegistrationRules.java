package org.cancerplan.patient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.cancerplan.shared.NhsNumber;
import org.cancerplan.shared.Texts;
import org.cancerplan.shared.UserError;

/** The checks a registration record must pass; each failure names the record's field. */
final class RegistrationRules {

    static final int MAX_BATCH = 500;

    private static final int MAX_NAME_LENGTH = 100;

    private static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$");

    private static final Pattern LSOA = Pattern.compile("^[EW]01[0-9]{6}$");

    private static final Pattern ODS_CODE = Pattern.compile("^[A-Z0-9]{3,10}$");

    private RegistrationRules() {
    }

    static List<UserError> check(PatientRegistration record, String path, LocalDate today) {
        List<UserError> errors = new ArrayList<>();
        String nhsProblem = NhsNumber.problemWith(record.nhsNumber());
        if (nhsProblem != null) {
            errors.add(UserError.of("INVALID_NHS_NUMBER", path + ".nhsNumber", nhsProblem));
        }
        checkName(record.givenName(), path + ".givenName", errors);
        checkName(record.familyName(), path + ".familyName", errors);
        if (record.dateOfBirth() == null || record.dateOfBirth().isAfter(today)
                || record.dateOfBirth().isBefore(today.minusYears(130))) {
            errors.add(UserError.of("INVALID_DATE_OF_BIRTH", path + ".dateOfBirth",
                    "The date of birth must be a past date within the last 130 years"));
        }
        if (record.deceasedOn() != null && (record.deceasedOn().isAfter(today)
                || record.dateOfBirth() != null && record.deceasedOn().isBefore(record.dateOfBirth()))) {
            errors.add(UserError.of("INVALID_DATE_OF_DEATH", path + ".deceasedOn",
                    "The date of death must not be in the future or before the date of birth"));
        }
        check(record.postcode(), POSTCODE, path + ".postcode", "INVALID_POSTCODE", "Not a UK postcode", errors);
        check(record.lsoaCode(), LSOA, path + ".lsoaCode", "INVALID_LSOA_CODE",
                "An LSOA code is E01 or W01 and six digits", errors);
        check(record.gpPracticeCode(), ODS_CODE, path + ".gpPracticeCode", "INVALID_ODS_CODE",
                "An ODS code is 3 to 10 letters and digits", errors);
        return errors;
    }

    private static void checkName(String name, String field, List<UserError> errors) {
        if (name == null || name.isBlank() || Texts.characters(name) > MAX_NAME_LENGTH) {
            errors.add(UserError.of("INVALID_NAME", field, "A name must be 1 to " + MAX_NAME_LENGTH + " characters"));
        }
    }

    private static void check(String value, Pattern pattern, String field, String code, String message,
            List<UserError> errors) {
        if (value != null && !pattern.matcher(value).matches()) {
            errors.add(UserError.of(code, field, message));
        }
    }

}
