package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

/** What is refused before any call: too large, not a JPEG, a broken JPEG. */
class SerpApiUploadLimitsTest extends SerpApiFixture {
    @Test
    void aJpegOver500KbIsRefusedBeforeAnyCall() {
        byte[] large = TestJpegs.large();
        assertTrue(large.length > 500_000, "the test image is " + large.length + " bytes");

        ImagesException e = assertThrows(ImagesException.class, () -> search(large));

        assertEquals("image_too_large", e.code());
        assertEquals(400, e.httpStatus());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("500000"), e.getMessage());
        assertEquals(List.of(), sim.requests());
    }

    @Test
    void theLimitIsInclusiveAndCountsTheBytesHandedOver() {
        byte[] small = TestJpegs.small(200, 200);
        byte[] exactly = TestJpegs.paddedTo(small, 500_000);
        assertEquals(500_000, exactly.length);
        assertEquals(6, search(exactly).matches().size(), "500,000 bytes are accepted");

        byte[] oneMore = TestJpegs.paddedTo(small, 500_001);
        ImagesException e = assertThrows(ImagesException.class, () -> search(oneMore));
        assertEquals("image_too_large", e.code());
        assertEquals(2, sim.requests().size(), "only the accepted search was sent");
        assertTrue(sim.uploads().get(0).data().length < 10_000, "its padding comments were not uploaded");
    }

    @Test
    void aPngIsNotTheJpegTheContractPromises() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1,
            0, 0, 0, 1, 0, 8, 2, 0, 0, 0};
        assertUnsupported(png);
    }

    @Test
    void aTruncatedJpegIsRefused() {
        byte[] jpeg = TestJpegs.small(200, 200);
        assertUnsupported(Arrays.copyOf(jpeg, jpeg.length / 2));
    }

    @Test
    void noBytesAtAllAreRefused() {
        assertUnsupported(new byte[0]);
    }

    private void assertUnsupported(byte[] data) {
        ImagesException e = assertThrows(ImagesException.class, () -> search(data));
        assertEquals("unsupported_image", e.code());
        assertEquals(400, e.httpStatus());
        assertFalse(e.retryable());
        assertEquals(List.of(), sim.requests());
    }
}
