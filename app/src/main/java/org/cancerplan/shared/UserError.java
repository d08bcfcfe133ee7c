package org.cancerplan.shared;

/**
 * An expected failure of a mutation, returned in its payload: a stable code, a message
 * for people and the input field it concerns (a path such as
 * {@code patients[2].nhsNumber}), if any.
 */
public record UserError(String code, String message, String field) {

    public static UserError of(String code, String field, String message) {
        return new UserError(code, message, field);
    }
}
