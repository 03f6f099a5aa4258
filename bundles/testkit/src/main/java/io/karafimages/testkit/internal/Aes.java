package io.karafimages.testkit.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit nonce stored in front of the ciphertext. Stateless and thread-safe. */
public final class Aes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private Aes() {
    }

    public static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code nonce || ciphertext || tag}, bound to {@code aad}. */
    public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] nonce = random(NONCE);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] sealed = new byte[NONCE + c.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE);
            c.doFinal(plaintext, 0, plaintext.length, sealed, NONCE);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Reverses {@link #seal}; throws {@link GeneralSecurityException} for a wrong key, aad or tampered bytes. */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        if (sealed.length < NONCE + 16) {
            throw new javax.crypto.AEADBadTagException("too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, NONCE));
        c.updateAAD(aad);
        return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    }
}
