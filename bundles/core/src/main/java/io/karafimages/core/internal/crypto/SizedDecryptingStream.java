package io.karafimages.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts a file written by {@link EnvelopeCrypto#encrypting} (Tink's {@code AesGcmHkdfStreaming}: HMAC-SHA256
 * HKDF, AES-256-GCM segments of 1 MiB) whose plaintext size is known (it is in the file's routing row), segment by
 * segment, with buffers the size of the segment rather than of the 1 MiB maximum: Tink's decrypting stream
 * allocates two 1 MiB buffers per stream, which for a 10 KB preview is 200 times the file.
 *
 * <p>The format, as Tink documents it in {@code AesGcmHkdfStreaming}: a header {@code length (1 byte, 40) || salt
 * (32) || nonce prefix (7)}; the file's AES key is HKDF-SHA256 of the data key with that salt and the associated data
 * as info; segment i is AES-GCM under the nonce {@code prefix || i (4 bytes, big-endian) || last (1 byte)} with no
 * associated data and a 16-byte tag. The first segment holds 1 MiB less the header. Encryption stays Tink's, and
 * every test of this class decrypts what Tink wrote. Decrypting here rather than through Tink's segment decrypter
 * saves its per-file {@code Cipher.getInstance} and {@code Mac.getInstance} (JCE provider look-ups, about a tenth of
 * a preview download's CPU in a profile): each thread keeps one {@link Cipher} and one {@link Mac}, initialised
 * afresh for every segment and every file, used only inside one call.
 *
 * <p>Each segment is authenticated before any of its bytes are returned. A stream that ends early, carries more
 * than the stated size, or fails authentication (wrong key, wrong associated data, changed bytes, a segment
 * dropped, reordered or truncated: the last-segment flag is part of every nonce) throws an {@link IOException}.
 */
final class SizedDecryptingStream extends InputStream {
    private static final int TAG_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int PREFIX_BYTES = 7;
    private static final int HEADER_BYTES = 1 + KEY_BYTES + PREFIX_BYTES;
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> engine(() -> Cipher.getInstance(
            "AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> engine(() -> Mac.getInstance(
            "HmacSHA256")));

    private final InputStream in;
    private final byte[] dataKey;
    private final byte[] aad;
    /** The file's AES key, derived from the header; null until the first segment. */
    private SecretKeySpec fileKey;
    private final byte[] nonce = new byte[12];
    private long plaintextLeft;
    private int segmentNr;
    private boolean lastDone;
    private byte[] ciphertext;
    private ByteBuffer plaintext = ByteBuffer.allocate(0);

    SizedDecryptingStream(byte[] dataKey, InputStream in, byte[] aad, long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("negative size");
        }
        if (dataKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("data keys are 256 bits");
        }
        this.dataKey = dataKey.clone();
        this.in = in;
        this.aad = aad.clone();
        this.plaintextLeft = plaintextSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!plaintext.hasRemaining()) {
            if (lastDone) {
                return -1;
            }
            nextSegment();
        }
        int n = Math.min(len, plaintext.remaining());
        plaintext.get(b, off, n);
        return n;
    }

    /**
     * Writes the rest of the plaintext to {@code out} segment by segment, each from this stream's own buffer once it
     * has been authenticated: no copy buffer between the decryption and {@code out}. {@code out} must not keep the
     * array it is given after its write returns (no {@code OutputStream} may).
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        java.util.Objects.requireNonNull(out, "out");
        long written = 0;
        while (true) {
            while (!plaintext.hasRemaining()) {
                if (lastDone) {
                    return written;
                }
                nextSegment();
            }
            int n = plaintext.remaining();
            out.write(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), n);
            plaintext.position(plaintext.limit());
            written += n;
        }
    }

    @Override
    public int available() {
        return plaintext.remaining();
    }

    private void nextSegment() throws IOException {
        try {
            if (fileKey == null) {
                byte[] header = new byte[HEADER_BYTES];
                readFully(header, header.length);
                if (header[0] != HEADER_BYTES) {
                    throw new IOException("The ciphertext does not start with a streaming header.");
                }
                fileKey = deriveFileKey(Arrays.copyOfRange(header, 1, 1 + KEY_BYTES));
                System.arraycopy(header, 1 + KEY_BYTES, nonce, 0, PREFIX_BYTES);
            }
            int segment = EnvelopeCrypto.SEGMENT_SIZE - (segmentNr == 0 ? HEADER_BYTES : 0);
            int capacity = segment - TAG_BYTES;
            int plain = (int) Math.min(plaintextLeft, capacity);
            boolean last = plaintextLeft <= capacity;
            int size = plain + TAG_BYTES;
            if (ciphertext == null || ciphertext.length < size) {
                ciphertext = new byte[size];
                plaintext = ByteBuffer.allocate(plain);
            }
            readFully(ciphertext, size);
            if (last && in.read() != -1) {
                throw new IOException("The ciphertext is longer than its stated plaintext size.");
            }
            ByteBuffer.wrap(nonce, PREFIX_BYTES, 5).putInt(segmentNr).put((byte) (last ? 1 : 0));
            Cipher gcm = GCM.get();
            gcm.init(Cipher.DECRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            plaintext.clear();
            int n = gcm.doFinal(ciphertext, 0, size, plaintext.array(), plaintext.arrayOffset());
            if (n != plain) {
                throw new IOException("A segment decrypted to " + n + " bytes, not " + plain + ".");
            }
            plaintext.limit(plain);
            plaintextLeft -= plain;
            segmentNr++;
            lastDone = last;
        } catch (GeneralSecurityException e) {
            throw new IOException("A segment failed authentication.", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) of the data key with the file's salt, the associated data as info, 32 bytes. */
    private SecretKeySpec deriveFileKey(byte[] salt) throws GeneralSecurityException {
        Mac mac = HMAC.get();
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(dataKey);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(aad);
        mac.update((byte) 1);
        byte[] okm = mac.doFinal(); // one block: SHA-256 gives the 32 bytes of an AES-256 key
        try {
            return new SecretKeySpec(okm, "AES");
        } finally {
            Arrays.fill(prk, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }

    private interface Engine<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T engine(Engine<T> factory) {
        try {
            return factory.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks AES-GCM or HMAC-SHA256", e);
        }
    }

    private void readFully(byte[] into, int size) throws IOException {
        int read = in.readNBytes(into, 0, size);
        if (read != size) {
            throw new IOException("The ciphertext ended early.");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
