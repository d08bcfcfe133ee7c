package org.cancerplan.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest the service uses (trusted documents, idempotency keys, cursors,
 * token cache keys).
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }

    /** The lower-case hex digest of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)));
    }

}
