package io.karafimages.core.internal.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: {@code ki_} and 256 random bits in base64url. Stored as SHA-256: with that much entropy a slow
 * password hash adds nothing, and a fast one keeps authentication cheap on every request.
 */
final class ApiKeys {
    static final String PREFIX = "ki_";
    /** How many leading characters are stored and shown to recognise a key: "ki_" and 30 of its 256 bits. */
    static final int SHOWN = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static boolean wellFormed(String key) {
        return key != null && key.startsWith(PREFIX) && key.length() == PREFIX.length() + 43;
    }

    /** One SHA-256 per thread: every request hashes its key, and {@code getInstance} searches the providers. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String hash(String key) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
