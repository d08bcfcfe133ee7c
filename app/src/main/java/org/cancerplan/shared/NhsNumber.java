package org.cancerplan.shared;

/**
 * A validated NHS number: ten digits whose last digit is the modulus 11 check digit of
 * the first nine.
 */
public record NhsNumber(String value) {

    public NhsNumber {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidNhsNumberException(problem);
        }
    }

    public static NhsNumber of(String value) {
        return new NhsNumber(value);
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /** Why the value is not an NHS number, or {@code null} when it is one. */
    public static String problemWith(String value) {
        if (value == null || value.length() != 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "An NHS number is 10 digits";
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (value.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        if (check == 10 || check != value.charAt(9) - '0') {
            return "Not a valid NHS number: the check digit does not match";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }

    public static final class InvalidNhsNumberException extends IllegalArgumentException {

        InvalidNhsNumberException(String message) {
            super(message);
        }

    }
}
