package org.cancerplan.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Keeps NHS numbers and names out of the structured logs (only audit events hold them):
 * every string in a log line (message, exception, context) has 10-digit runs such as NHS
 * numbers and the values of name fields masked. Set by
 * {@code logging.structured.json.customizer}.
 */
public class LogMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    static final String MASKED_NUMBER = "##########";
    static final String MASKED_NAME = "***";

    /**
     * Ten digits, also spaced 3-3-4 as people write NHS numbers, not part of a longer
     * word or number.
     */
    private static final Pattern TEN_DIGITS = Pattern
        .compile("(?<![\\p{Alnum}])\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?![\\p{Alnum}])");

    /**
     * {@code givenName: "Ann"}, {@code "familyName" : "Smith"}, {@code name=Dr Jones} ...
     */
    private static final Pattern NAME_FIELD = Pattern.compile(
            "(?i)(\\b(?:given_?names?|family_?name|full_?name|display_?name|name|given|family)\\b[\"']?\\s*[:=]\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|\\[[^\\]]*\\]|[^,;}\\]\\r\\n\"']+)");

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor(ValueProcessor.of(String.class, LogMasking::mask));
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String numbersMasked = TEN_DIGITS.matcher(text).replaceAll(MASKED_NUMBER);
        return NAME_FIELD.matcher(numbersMasked)
            .replaceAll(result -> Matcher.quoteReplacement(result.group(1) + quoted(result.group(2))));
    }

    private static String quoted(String value) {
        char first = value.charAt(0);
        if (first == '"' || first == '\'') {
            return first + MASKED_NAME + first;
        }
        return first == '[' ? "[" + MASKED_NAME + "]" : MASKED_NAME;
    }

}
