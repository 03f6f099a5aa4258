package io.karafimages.provider.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.karafimages.provider.onnx.internal.SourceImages.Pixels;

class SaliencyCutoutTest {
    @Test
    void aMapIsStretchedToZeroToOneByItsOwnRange() {
        assertArrayEquals(new float[] { 0, 0.5f, 1, 0.25f },
                SaliencyCutout.normalised(new float[] { 2, 4, 6, 3 }), 1e-6f);
    }

    @Test
    void aFlatMapIsOnlyClampedAndNanCountsAsBackground() {
        assertArrayEquals(new float[] { 0.9f, 0.9f }, SaliencyCutout.normalised(new float[] { 0.9f, 0.9f }), 1e-6f);
        assertArrayEquals(new float[] { 1, 1 }, SaliencyCutout.normalised(new float[] { 7, 7 }), 1e-6f);
        assertArrayEquals(new float[] { 0, 1, 0 }, SaliencyCutout.normalised(new float[] { 1, 3, Float.NaN }), 1e-6f);
    }

    @Test
    void theMatteScalesTheSourcesAlphaAndZeroBecomesTransparentBlack() {
        Pixels source = new Pixels(new int[] { 0xff102030, 0x80102030, 0xff405060, 0xff708090 }, 2, 2);
        Pixels out = SaliencyCutout.withAlpha(source, new float[] { 1, 1, 0.5f, 0 });

        assertArrayEquals(new int[] { 0xff102030, 0x80102030, 0x80405060, 0 }, out.argb());
    }
}
