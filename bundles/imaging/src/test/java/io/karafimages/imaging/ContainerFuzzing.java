package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every container fuzz target checks: any bytes are read, or refused with an {@code unsupported_image}. */
final class ContainerFuzzing {
    private ContainerFuzzing() {
    }

    /** A read that either works (and its checks hold) or throws {@link ImageException} UNSUPPORTED; never mutates. */
    static void check(byte[] data, Runnable read) {
        byte[] original = data.clone();
        try {
            read.run();
        } catch (ImageException e) {
            assertEquals(ImageException.Reason.UNSUPPORTED, e.reason(), e::getMessage);
        }
        assertArrayEquals(original, data, "the reader modified its input");
    }

    static void inside(byte[] data, long start, long end, String what) {
        assertTrue(start >= 0 && start <= end && end <= data.length,
                () -> what + " [" + start + ", " + end + ") outside " + data.length + " bytes");
    }
}
