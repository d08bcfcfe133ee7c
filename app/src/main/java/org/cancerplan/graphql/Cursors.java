package org.cancerplan.graphql;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cancerplan.shared.BadInputException;
import org.cancerplan.shared.Sha256;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's one cursor format: base64url of {@code {"list": ..., "keys": {...}}}, a
 * dot, and base64url of the first 8 bytes of that JSON's SHA-256. Keyset values are
 * tagged text ({@code s:} text, {@code t:} instant, {@code d:} date, {@code i:} whole
 * number), so no Java type reaches a client. The checksum catches altered, truncated and
 * foreign cursors; it is no secret, as access is checked whatever a cursor says, and
 * {@link PagedList} checks what each value holds.
 */
final class Cursors {

    static final String ARGUMENT = "after";
    static final String NOT_OURS = "after is not a cursor this service gave out, or it was changed; pass a "
            + "pageInfo.endCursor as it came";
    static final String OTHER_LIST = "after is a cursor of another list; pass the pageInfo.endCursor of this field";

    private static final JsonMapper JSON = JsonMapper.shared();

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private static final int CHECKSUM_BYTES = 8;

    private record Payload(String list, Map<String, String> keys) {
    }

    private Cursors() {
    }

    static String encode(String list, Map<String, ?> keys) {
        Map<String, String> tagged = new LinkedHashMap<>();
        keys.forEach((name, value) -> tagged.put(name, tagged(value)));
        byte[] payload = JSON.writeValueAsBytes(new Payload(list, tagged));
        return BASE64.encodeToString(payload) + "." + BASE64.encodeToString(checksum(payload));
    }

    /**
     * The keyset values of a cursor of the list; a {@link BadInputException} about
     * {@code after} otherwise.
     */
    static Map<String, Object> decode(String list, String cursor) {
        Payload payload = read(cursor);
        if (!list.equals(payload.list())) {
            throw new BadInputException(ARGUMENT, OTHER_LIST);
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        payload.keys().forEach((name, value) -> keys.put(name, untagged(value)));
        return keys;
    }

    private static Payload read(String cursor) {
        int dot = cursor.indexOf('.');
        if (dot < 0) {
            throw notOurs();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] checksum = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(checksum, checksum(payload))) {
                throw notOurs();
            }
            Payload read = JSON.readValue(payload, Payload.class);
            if (read.list() == null || read.keys() == null || read.keys().isEmpty()) {
                throw notOurs();
            }
            return read;
        }
        catch (IllegalArgumentException | JacksonException notBase64OrJson) {
            throw notOurs();
        }
    }

    private static String tagged(Object value) {
        if (value instanceof String text) {
            return "s:" + text;
        }
        if (value instanceof Instant) {
            return "t:" + value;
        }
        if (value instanceof LocalDate) {
            return "d:" + value;
        }
        if (value instanceof Integer) {
            return "i:" + value;
        }
        throw new IllegalArgumentException("A cursor cannot carry a " + value.getClass().getSimpleName());
    }

    private static Object untagged(String value) {
        if (value == null || value.length() < 2 || value.charAt(1) != ':') {
            throw notOurs();
        }
        String text = value.substring(2);
        try {
            return switch (value.charAt(0)) {
                case 's' -> text;
                case 't' -> Instant.parse(text);
                case 'd' -> LocalDate.parse(text);
                case 'i' -> Integer.valueOf(text);
                default -> throw notOurs();
            };
        }
        catch (DateTimeParseException | NumberFormatException notAValue) {
            throw notOurs();
        }
    }

    private static BadInputException notOurs() {
        return new BadInputException(ARGUMENT, NOT_OURS);
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(Sha256.digest(payload), CHECKSUM_BYTES);
    }

}
