package io.karafimages.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of the SIMULATED Transit engine of {@link TransitSimulator} (test code, NOT Vault): named
 * aes256-gcm96 keys, version 1 only, ciphertexts {@code vault:v1:base64(nonce || ciphertext || tag)} with real
 * AES-256-GCM and the request's associated data, as Vault documents them. Errors carry Vault's messages.
 */
final class TransitEngine {
    /** A Transit request the engine refuses; Vault answers these with HTTP 400. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    boolean exists(String name) {
        return keys.containsKey(name);
    }

    /** Creates the key unless it exists (Vault leaves an existing key as it is). */
    void create(String name, String type) throws Refused {
        if (!"aes256-gcm96".equals(type)) {
            throw new Refused("the simulator only knows key type aes256-gcm96, not " + type);
        }
        keys.computeIfAbsent(name, n -> random(32));
    }

    void delete(String name) {
        keys.remove(name);
    }

    String encrypt(String name, byte[] plaintext, byte[] aad) throws Refused {
        byte[] key = key(name);
        try {
            byte[] nonce = random(12);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plaintext);
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return "vault:v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] decrypt(String name, String ciphertext, byte[] aad) throws Refused {
        byte[] key = key(name);
        if (!ciphertext.startsWith("vault:")) {
            throw new Refused("invalid ciphertext: no prefix");
        }
        if (!ciphertext.startsWith("vault:v1:")) {
            throw new Refused("invalid ciphertext: unknown key version");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()).getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid ciphertext: could not decode base64");
        }
        if (raw.length < 12 + 16) {
            throw new Refused("invalid ciphertext: too short");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, raw, 0, 12));
            c.updateAAD(aad);
            return c.doFinal(raw, 12, raw.length - 12);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Refused("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key(String name) throws Refused {
        byte[] key = keys.get(name);
        if (key == null) {
            throw new Refused("encryption key not found");
        }
        return key;
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
