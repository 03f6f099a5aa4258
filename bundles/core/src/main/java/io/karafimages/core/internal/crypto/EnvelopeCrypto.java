package io.karafimages.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;

import io.karafimages.api.ImagesException;

/**
 * Envelope encryption with one 256-bit data key per image set.
 *
 * <p>Files use Tink's streaming AEAD (AES-256-GCM, a key derived per stream by HKDF-SHA256 from the data key
 * and a random salt, a nonce per 1 MiB segment), so no two files share a key/nonce pair and decryption
 * streams in constant memory. Small records (embed content, task input) use AES-256-GCM with a random
 * 96-bit nonce. Every ciphertext is bound to its owner object and part through associated data
 * ({@link #aad}), so ciphertexts cannot be swapped between embeds or formats undetected. Stateless and
 * thread-safe.
 */
public final class EnvelopeCrypto {
    /** Recorded in the embed content so readers know how files were encrypted. */
    public static final String FILE_SCHEME = "tink-streaming-aes256gcm-hkdf-sha256-1mib";
    /** Ciphertext segment size of the streaming files (also read by {@link SizedDecryptingStream}). */
    static final int SEGMENT_SIZE = 1 << 20;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeCrypto() {
    }

    /** Associated data binding a ciphertext to an object id and the part of it. */
    public static byte[] aad(String objectId, String part) {
        return (objectId + "|" + part).getBytes(StandardCharsets.UTF_8);
    }

    /** Wraps {@code out}: bytes written to the result are encrypted into {@code out}. Close it to finish. */
    public static OutputStream encrypting(byte[] dataKey, OutputStream out, byte[] aad) {
        try {
            return streaming(dataKey).newEncryptingStream(out, aad);
        } catch (GeneralSecurityException | IOException e) {
            throw new ImagesException("encryption_failed", 500, false, "Could not start encryption.", null, e);
        }
    }

    /** A stream of the plaintext of {@code in}; an authentication failure surfaces as an IOException. */
    public static InputStream decrypting(byte[] dataKey, InputStream in, byte[] aad) {
        try {
            return streaming(dataKey).newDecryptingStream(in, aad);
        } catch (GeneralSecurityException | IOException e) {
            throw new ImagesException("decryption_failed", 500, false, "Could not start decryption.", null, e);
        }
    }

    /**
     * Like {@link #decrypting(byte[], InputStream, byte[])} for a file whose plaintext size is known: buffers are the
     * size of the file's segment, not of the 1 MiB maximum, and a size that does not match fails as an IOException.
     */
    public static InputStream decrypting(byte[] dataKey, InputStream in, byte[] aad, long plaintextSize) {
        if (dataKey.length != 32) {
            throw new ImagesException("decryption_failed", 500, false, "Could not start decryption.", null,
                    new GeneralSecurityException("data keys are 256 bits"));
        }
        return new SizedDecryptingStream(dataKey, in, aad, plaintextSize);
    }

    /** AES-256-GCM of a small record: nonce || ciphertext || tag. */
    public static byte[] seal(byte[] dataKey, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new ImagesException("encryption_failed", 500, false, "Could not encrypt a record.", null, e);
        }
    }

    /** Reverses {@link #seal}; throws when the key, the associated data or the bytes are wrong. */
    public static byte[] open(byte[] dataKey, byte[] sealed, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new ImagesException("decryption_failed", 500, false, "A stored record failed authentication.",
                    null, e);
        }
    }

    private static AesGcmHkdfStreaming streaming(byte[] dataKey) throws GeneralSecurityException {
        if (dataKey.length != 32) {
            throw new GeneralSecurityException("data keys are 256 bits");
        }
        return new AesGcmHkdfStreaming(dataKey, "HmacSha256", 32, SEGMENT_SIZE, 0);
    }
}
