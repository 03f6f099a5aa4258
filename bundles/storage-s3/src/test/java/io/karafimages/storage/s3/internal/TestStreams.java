package io.karafimages.storage.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Large test data made on the fly, so the test itself never holds a whole object in memory. */
final class TestStreams {
    private TestStreams() {
    }

    /** {@code length} pseudo-random bytes from {@code seed}; throws after {@code failAfter} bytes (-1: never). */
    static InputStream generated(long seed, long length, long failAfter) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (failAfter >= 0 && position >= failAfter) {
                    throw new IOException("simulated failure of the source stream");
                }
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                if (failAfter >= 0) {
                    n = (int) Math.min(n, failAfter - position);
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt(256);
                }
                position += n;
                return n;
            }
        };
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
