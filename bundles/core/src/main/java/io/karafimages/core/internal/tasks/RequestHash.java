package io.karafimages.core.internal.tasks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fingerprint of a request kept with its idempotency key, to tell a replay from a different request under the
 * same key. It is an HMAC keyed from the task's own data key, never a plain hash: the task input is encrypted, and
 * a plain SHA-256 of it would let a database reader confirm guessed prompts offline. Only a holder of the unwrapped
 * data key can compute or check it, which the service does on a replay (one unwrap per replay).
 */
final class RequestHash {
    private static final byte[] LABEL = "karaf-images request hash v1".getBytes(StandardCharsets.UTF_8);

    private RequestHash() {
    }

    /** @param request the skill id and the request body as canonical JSON */
    static String of(byte[] dataKey, String request) {
        return HexFormat.of().formatHex(hmac(hmac(dataKey, LABEL), request.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code stored} was made from the same request. Rows written before the HMAC (a plain SHA-256 of the
     * same text, same length) still match during their idempotency window, so an upgrade does not turn retries into
     * conflicts.
     */
    static boolean matches(String stored, byte[] dataKey, String request) {
        return stored != null && (equal(stored, of(dataKey, request)) || equal(stored, legacy(request)));
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String legacy(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
