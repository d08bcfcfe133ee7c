package org.cancerplan.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for one user and password, as
 * the MongoDB driver speaks it: without channel binding, the password used as given (the
 * driver's SASLprep leaves ASCII unchanged). The password itself is not kept, only the
 * keys derived from it.
 */
final class ScramSha256 {

    /** The least the driver accepts. */
    static final int ITERATIONS = 4096;

    private static final SecureRandom random = new SecureRandom();

    private final String user;

    private final byte[] salt = randomBytes(16);

    private final byte[] storedKey;

    private final byte[] serverKey;

    ScramSha256(String user, String password) {
        this.user = user;
        byte[] saltedPassword = saltedPassword(password, salt);
        this.storedKey = sha256(hmac(saltedPassword, "Client Key"));
        this.serverKey = hmac(saltedPassword, "Server Key");
    }

    /**
     * A conversation after the server's first message; it has the messages the proof is
     * computed over.
     */
    record Exchange(String clientFirstBare, String serverFirst, String gs2Header, String nonce) {
    }

    /** Thrown for a message that is malformed or does not prove the password. */
    static final class Refused extends Exception {

        Refused(String reason) {
            super(reason);
        }

    }

    /**
     * Answers the client's first message ({@code n,,n=user,r=nonce}) with the salt,
     * iterations and a nonce.
     */
    Exchange start(String clientFirst) throws Refused {
        int bare = clientFirst.indexOf(",", clientFirst.indexOf(',') + 1) + 1;
        String gs2Header = clientFirst.substring(0, bare);
        if (!gs2Header.equals("n,,") && !gs2Header.equals("y,,")) {
            throw new Refused("channel binding and authorization identities are not supported");
        }
        String clientFirstBare = clientFirst.substring(bare);
        Map<String, String> fields = fields(clientFirstBare);
        if (!user.equals(fields.get("n")) || fields.get("r") == null) {
            throw new Refused("unknown user");
        }
        String nonce = fields.get("r") + Base64.getEncoder().encodeToString(randomBytes(18));
        String serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + ITERATIONS;
        return new Exchange(clientFirstBare, serverFirst, gs2Header, nonce);
    }

    /**
     * Checks the client's proof ({@code c=...,r=...,p=...}) and answers with the server's
     * signature, which proves to the client that the server knows the password too.
     */
    String finish(Exchange exchange, String clientFinal) throws Refused {
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new Refused("no proof");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> fields = fields(withoutProof);
        String binding = Base64.getEncoder().encodeToString(exchange.gs2Header().getBytes(StandardCharsets.UTF_8));
        if (!binding.equals(fields.get("c")) || !exchange.nonce().equals(fields.get("r"))) {
            throw new Refused("the channel binding or nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        }
        catch (IllegalArgumentException notBase64) {
            throw new Refused("the proof is not base64");
        }
        String authMessage = exchange.clientFirstBare() + "," + exchange.serverFirst() + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw new Refused("wrong proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            throw new Refused("wrong proof");
        }
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    private static Map<String, String> fields(String message) {
        Map<String, String> fields = new HashMap<>();
        for (String field : message.split(",")) {
            if (field.length() > 1 && field.charAt(1) == '=') {
                fields.putIfAbsent(field.substring(0, 1), field.substring(2));
            }
        }
        return fields;
    }

    private static byte[] saltedPassword(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
                .getEncoded();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

}
