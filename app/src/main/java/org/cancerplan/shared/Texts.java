package org.cancerplan.shared;

/**
 * Text limits count characters as people see them: code points, so an emoji is one
 * character, not two.
 */
public final class Texts {

    private Texts() {
    }

    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * What is wrong with a text field ({@code REQUIRED} when blank and required,
     * {@code TOO_LONG} over {@code max} characters), or null when nothing is.
     */
    public static UserError problem(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? UserError.of("REQUIRED", field, "Required") : null;
        }
        return characters(value) > max ? UserError.of("TOO_LONG", field, "At most " + max + " characters") : null;
    }

}
