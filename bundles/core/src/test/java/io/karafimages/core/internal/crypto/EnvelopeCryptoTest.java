package io.karafimages.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

class EnvelopeCryptoTest {
    private final byte[] key = random(32);

    @Test
    void streamRoundTripsAcrossSegments() throws IOException {
        byte[] plaintext = random(3 * (1 << 20) + 12345);
        byte[] ct = encrypt(plaintext, EnvelopeCrypto.aad("e1", "full"));
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct),
                EnvelopeCrypto.aad("e1", "full"))) {
            assertArrayEquals(plaintext, in.readAllBytes());
        }
    }

    @Test
    void twoFilesUnderOneKeyNeverShareCiphertext() throws IOException {
        byte[] plaintext = new byte[4096];
        byte[] a = encrypt(plaintext, EnvelopeCrypto.aad("e1", "full"));
        byte[] b = encrypt(plaintext, EnvelopeCrypto.aad("e1", "full"));
        assertFalse(Arrays.equals(a, b), "each stream has its own salt and nonce prefix");
    }

    @Test
    void fileSwappedToAnotherEmbedOrFormatFailsAuthentication() throws IOException {
        byte[] ct = encrypt(random(1000), EnvelopeCrypto.aad("e1", "full"));
        for (byte[] aad : new byte[][] { EnvelopeCrypto.aad("e2", "full"), EnvelopeCrypto.aad("e1", "preview") }) {
            assertThrows(IOException.class, () -> {
                try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad)) {
                    in.readAllBytes();
                }
            });
        }
    }

    @Test
    void tamperedStreamFails() throws IOException {
        byte[] ct = encrypt(random(1000), EnvelopeCrypto.aad("e1", "full"));
        ct[ct.length - 20] ^= 1;
        assertThrows(IOException.class, () -> {
            try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct),
                    EnvelopeCrypto.aad("e1", "full"))) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void sealedRecordsAreBoundToTheirAssociatedData() {
        byte[] sealed = EnvelopeCrypto.seal(key, "{\"prompt\":\"x\"}".getBytes(), EnvelopeCrypto.aad("t1", "input"));
        assertArrayEquals("{\"prompt\":\"x\"}".getBytes(),
                EnvelopeCrypto.open(key, sealed, EnvelopeCrypto.aad("t1", "input")));
        ImagesException e = assertThrows(ImagesException.class,
                () -> EnvelopeCrypto.open(key, sealed, EnvelopeCrypto.aad("t2", "input")));
        org.junit.jupiter.api.Assertions.assertEquals("decryption_failed", e.code());
    }

    private byte[] encrypt(byte[] plaintext, byte[] aad) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = EnvelopeCrypto.encrypting(key, out, aad)) {
            enc.write(plaintext);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
