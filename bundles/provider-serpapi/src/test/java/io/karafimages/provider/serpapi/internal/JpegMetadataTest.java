package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Segment surgery on JPEGs made here: metadata goes, decoding information and pixels stay. */
class JpegMetadataTest {
    @Test
    void aCleanJpegIsUnchanged() {
        byte[] jpeg = TestJpegs.small(120, 80);
        assertArrayEquals(jpeg, JpegMetadata.strip(jpeg).orElseThrow());
    }

    @Test
    void everyMetadataSegmentGoesButAdobesColourFlagStays() {
        byte[] clean = TestJpegs.small(120, 80);
        byte[] adobe = TestJpegs.segment(0xee, "Adobe\0", 6);
        byte[] tagged = TestJpegs.withSegments(clean, TestJpegs.exif(), adobe, TestJpegs.xmp(),
                TestJpegs.segment(0xe2, "ICC_PROFILE\0", 20), TestJpegs.segment(0xeb, "JP", 20),
                TestJpegs.segment(0xed, "Photoshop 3.0\0", 20), TestJpegs.segment(0xef, "x", 2),
                TestJpegs.segment(0xfe, "comment", 0));
        assertArrayEquals(TestJpegs.withSegments(clean, adobe), JpegMetadata.strip(tagged).orElseThrow());
    }

    @Test
    void bytesAfterTheEndOfTheImageGo() {
        byte[] jpeg = TestJpegs.small(120, 80);
        byte[] trailer = Arrays.copyOf(jpeg, jpeg.length + 64);
        Arrays.fill(trailer, jpeg.length, trailer.length, (byte) 'M');
        assertArrayEquals(jpeg, JpegMetadata.strip(trailer).orElseThrow());
    }

    @Test
    void fillBytesInTheScanAreNotMistakenForMarkers() {
        byte[] jpeg = TestJpegs.large(); // noise: many stuffed 0xFF 0x00 pairs in the scan
        byte[] stripped = JpegMetadata.strip(TestJpegs.withSegments(jpeg, TestJpegs.exif())).orElseThrow();
        assertArrayEquals(jpeg, stripped);
        assertEquals(1000, TestJpegs.decode(stripped).getWidth());
    }

    @Test
    void notAJpegOrCutShortIsRefused() {
        byte[] jpeg = TestJpegs.small(120, 80);
        assertEquals(Optional.empty(), JpegMetadata.strip(Arrays.copyOf(jpeg, jpeg.length - 2)));
        assertEquals(Optional.empty(), JpegMetadata.strip(Arrays.copyOf(jpeg, 30)));
        assertEquals(Optional.empty(), JpegMetadata.strip(new byte[] {'G', 'I', 'F', '8', '9', 'a'}));
        byte[] badLength = jpeg.clone();
        badLength[4] = (byte) 0xff; // APP0's length now runs past the end
        badLength[5] = (byte) 0xff;
        assertTrue(JpegMetadata.strip(badLength).isEmpty());
    }
}
