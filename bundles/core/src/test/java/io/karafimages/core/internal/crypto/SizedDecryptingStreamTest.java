package io.karafimages.core.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sized decryption (our own reader of Tink's format) reads exactly what Tink's streaming encryption wrote, at
 * every size that matters to the segment layout (empty, small, one byte either side of the first segment's
 * capacity, several segments), and refuses what Tink's decrypting stream refuses, plus a stated size that does not
 * match, a header that is not Tink's and a changed salt.
 */
class SizedDecryptingStreamTest {
    /** Plaintext capacity of the first segment: 1 MiB minus the 40-byte header and the 16-byte tag. */
    private static final int FIRST = (1 << 20) - 40 - 16;
    private static final int SEGMENT = (1 << 20) - 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key = random(32);
    private final byte[] aad = EnvelopeCrypto.aad("e1", "preview");

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 9_600, FIRST - 1, FIRST, FIRST + 1, FIRST + SEGMENT, FIRST + SEGMENT + 1,
        3 * (1 << 20) + 12345 })
    void readsWhatTinkWroteAtEverySegmentBoundary(int size) throws IOException {
        byte[] plaintext = random(size);
        byte[] ct = encrypt(plaintext, aad);
        assertArrayEquals(plaintext, decrypt(ct, aad, size));
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad, size)) {
            ByteArrayOutputStream byByte = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && byByte.size() < 70_000; b = in.read()) {
                byByte.write(b);
            }
            assertArrayEquals(Arrays.copyOf(plaintext, Math.min(size, 70_000)), byByte.toByteArray());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 9_600, FIRST, FIRST + 1, 3 * (1 << 20) + 12345 })
    void transfersEachSegmentInOneWriteAfterWhatWasAlreadyRead(int size) throws IOException {
        byte[] plaintext = random(size);
        byte[] ct = encrypt(plaintext, aad);
        int segments = size <= FIRST ? 1 : 1 + (size - FIRST + SEGMENT - 1) / SEGMENT;
        CountingOut whole = new CountingOut();
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad, size)) {
            assertEquals(size, in.transferTo(whole));
        }
        assertArrayEquals(plaintext, whole.toByteArray());
        assertEquals(size == 0 ? 0 : segments, whole.writes, "one write per segment, no copy buffer");

        int head = Math.min(size, 100);
        CountingOut rest = new CountingOut();
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad, size)) {
            byte[] first = in.readNBytes(head);
            assertEquals(size - head, in.transferTo(rest));
            assertEquals(0, in.transferTo(rest), "nothing is left after the end");
            assertArrayEquals(Arrays.copyOf(plaintext, head), first);
        }
        assertArrayEquals(Arrays.copyOfRange(plaintext, head, size), rest.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = { 1_000, FIRST + 5_000 })
    void aTransferRefusesChangedCiphertextBeforeWritingItsSegment(int size) throws IOException {
        byte[] ct = encrypt(random(size), aad);
        ct[ct.length - 20] ^= 1; // in the last segment
        CountingOut out = new CountingOut();
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad, size)) {
            assertThrows(IOException.class, () -> in.transferTo(out));
        }
        assertEquals(size > FIRST ? FIRST : 0, out.size(),
                "only the segments that passed authentication were written");
    }

    /** Counts the writes it is given. */
    private static final class CountingOut extends ByteArrayOutputStream {
        int writes;

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 1_000, FIRST + 5_000 })
    void refusesChangedTruncatedOrMisdescribedCiphertext(int size) throws IOException {
        byte[] ct = encrypt(random(size), aad);
        byte[] changed = ct.clone();
        changed[changed.length - 20] ^= 1;
        assertThrows(IOException.class, () -> decrypt(changed, aad, size));
        assertThrows(IOException.class, () -> decrypt(ct, EnvelopeCrypto.aad("e2", "preview"), size));
        assertThrows(IOException.class, () -> decrypt(Arrays.copyOf(ct, ct.length - 1), aad, size));
        assertThrows(IOException.class, () -> decrypt(ct, aad, size - 1), "more ciphertext than the size says");
        assertThrows(IOException.class, () -> decrypt(ct, aad, size + 1), "less ciphertext than the size says");
        byte[] longer = Arrays.copyOf(ct, ct.length + 1);
        assertThrows(IOException.class, () -> decrypt(longer, aad, size), "trailing bytes");
        byte[] otherKey = random(32);
        assertThrows(IOException.class, () -> {
            try (InputStream in = EnvelopeCrypto.decrypting(otherKey, new ByteArrayInputStream(ct), aad, size)) {
                in.readAllBytes();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = { FIRST + 10 })
    void aDroppedFinalSegmentIsNoticed(int size) throws IOException {
        byte[] ct = encrypt(random(size), aad);
        int firstSegmentEnd = 40 + FIRST + 16;
        byte[] cut = Arrays.copyOf(ct, firstSegmentEnd);
        assertThrows(IOException.class, () -> decrypt(cut, aad, FIRST), "the first segment is not marked last");
        assertEquals(firstSegmentEnd + 10 + 16, ct.length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1_000 })
    void refusesAFileWithoutTheStreamingHeader(int size) throws IOException {
        byte[] ct = encrypt(random(size), aad);
        ct[0] = 41; // the header length Tink writes first
        assertThrows(IOException.class, () -> decrypt(ct, aad, size));
        byte[] salted = encrypt(random(size), aad);
        salted[5] ^= 1; // the salt: another file key, so the tag does not match
        assertThrows(IOException.class, () -> decrypt(salted, aad, size));
    }

    @ParameterizedTest
    @ValueSource(ints = { FIRST + 7_000 })
    void streamsReadInTurnOnOneThreadEachKeepTheirOwnKey(int size) throws IOException {
        byte[] plainA = random(size);
        byte[] plainB = random(size);
        byte[] otherKey = random(32);
        byte[] ctA = encrypt(plainA, aad);
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        byte[] aadB = EnvelopeCrypto.aad("e2", "full");
        try (OutputStream enc = EnvelopeCrypto.encrypting(otherKey, outB, aadB)) {
            enc.write(plainB);
        }
        try (InputStream a = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ctA), aad, size);
                InputStream b = EnvelopeCrypto.decrypting(otherKey, new ByteArrayInputStream(outB.toByteArray()),
                        aadB, size)) {
            ByteArrayOutputStream gotA = new ByteArrayOutputStream();
            ByteArrayOutputStream gotB = new ByteArrayOutputStream();
            byte[] chunk = new byte[300_000];
            for (int n; (n = a.read(chunk)) > 0;) { // segments of a and b are decrypted alternately
                gotA.write(chunk, 0, n);
                int m = b.read(chunk);
                if (m > 0) {
                    gotB.write(chunk, 0, m);
                }
            }
            b.transferTo(gotB);
            assertArrayEquals(plainA, gotA.toByteArray());
            assertArrayEquals(plainB, gotB.toByteArray());
        }
    }

    private byte[] decrypt(byte[] ct, byte[] aad, long size) throws IOException {
        try (InputStream in = EnvelopeCrypto.decrypting(key, new ByteArrayInputStream(ct), aad, size)) {
            return in.readAllBytes();
        }
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
        RANDOM.nextBytes(b);
        return b;
    }
}
