package io.karafimages.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.StreamSegmentDecrypter;

/**
 * Decrypts a file written by {@link EnvelopeCrypto#encrypting} whose plaintext size is known (it is in the file's
 * routing row), segment by segment through Tink's own segment decrypter, with buffers the size of the segment rather
 * than of the 1 MiB maximum: Tink's decrypting stream allocates two 1 MiB buffers per stream, which for a 10 KB
 * preview is 200 times the file (and, at a 1 GB heap, two humongous G1 allocations per download).
 *
 * <p>Each segment is authenticated before any of its bytes are returned. A stream that ends early, carries more
 * than the stated size, or fails authentication (wrong key, wrong associated data, changed bytes, a segment
 * dropped, reordered or truncated: the last-segment flag is part of every nonce) throws an {@link IOException}.
 */
final class SizedDecryptingStream extends InputStream {
    private static final int TAG_BYTES = 16;

    private final InputStream in;
    private final AesGcmHkdfStreaming aead;
    private final byte[] aad;
    private StreamSegmentDecrypter decrypter;
    private long plaintextLeft;
    private int segmentNr;
    private boolean lastDone;
    private byte[] ciphertext;
    private ByteBuffer plaintext = ByteBuffer.allocate(0);

    SizedDecryptingStream(AesGcmHkdfStreaming aead, InputStream in, byte[] aad, long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("negative size");
        }
        this.aead = aead;
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
            if (decrypter == null) {
                byte[] header = new byte[aead.getHeaderLength()];
                readFully(header, header.length);
                decrypter = aead.newStreamSegmentDecrypter();
                decrypter.init(ByteBuffer.wrap(header), aad);
            }
            int capacity = (segmentNr == 0 ? aead.getCiphertextSegmentSize() - aead.getCiphertextOffset()
                    : aead.getCiphertextSegmentSize()) - TAG_BYTES;
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
            plaintext.clear().limit(plain);
            decrypter.decryptSegment(ByteBuffer.wrap(ciphertext, 0, size), segmentNr, last, plaintext);
            plaintext.flip();
            plaintextLeft -= plain;
            segmentNr++;
            lastDone = last;
        } catch (GeneralSecurityException e) {
            throw new IOException("A segment failed authentication.", e);
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
