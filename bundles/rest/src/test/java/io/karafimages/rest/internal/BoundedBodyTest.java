package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

/** Bodies read to their limit whatever their size next to the read buffers, and refused one byte past it. */
class BoundedBodyTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Hands out at most 100 bytes per read, as a socket may. */
    private static InputStream trickle(byte[] b) {
        return new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] into, int off, int len) {
                return super.read(into, off, Math.min(len, 100));
            }
        };
    }

    @Test
    void jsonBodiesOfAnySizeUpToTheLimitArriveWhole() {
        for (int size : new int[] {0, 1, 2047, 2048, 2049, 70_000, 1024 * 1024}) {
            byte[] body = bytes(size);
            assertArrayEquals(body, BoundedBody.json(new ByteArrayInputStream(body), 1024 * 1024), "size " + size);
            assertArrayEquals(body, BoundedBody.json(trickle(body), 1024 * 1024), "size " + size + ", trickled");
        }
        assertEquals(0, BoundedBody.json(null, 1024).length);
    }

    @Test
    void oneBytePastTheLimitIs413() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> BoundedBody.json(new ByteArrayInputStream(bytes(1025)), 1024));
        assertEquals("request_too_large", e.code());
        assertEquals(413, e.httpStatus());
        assertEquals(413, assertThrows(ImagesException.class,
                () -> BoundedBody.read(trickle(bytes(200_001)), 200_000)).httpStatus());
    }

    @Test
    void uploadsArriveWholeAndAnEmptyOneIs400() {
        byte[] image = bytes(300_000);
        assertArrayEquals(image, BoundedBody.read(trickle(image), 20 * 1024 * 1024));
        ImagesException empty = assertThrows(ImagesException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[0]), 1024));
        assertEquals("unsupported_image", empty.code());
        assertEquals(400, empty.httpStatus());
    }
}
