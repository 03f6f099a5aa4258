package io.karafimages.provider.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    private static final float EPS = 1e-5f;

    @Test
    void enlargingIsBilinearWithAlignedCentres() {
        float[] out = Resampler.resize(new float[] { 0, 1 }, 2, 1, 4, 1);

        // output centres 0.25, 0.75, 1.25, 1.75 in source units; source centres at 0.5 and 1.5, edges clamp
        assertArrayEquals(new float[] { 0, 0.25f, 0.75f, 1 }, out, EPS);
    }

    @Test
    void enlargingBothAxesInterpolatesInBoth() {
        float[] out = Resampler.resize(new float[] { 0, 1, 1, 2 }, 2, 2, 4, 4);

        assertEquals(0, out[0], EPS);
        assertEquals(2, out[15], EPS);
        assertEquals(1, out[1 * 4 + 2], EPS); // (0.75, 0.25) in source centres: 0.75 * 1 + 0.25 * 1
    }

    @Test
    void shrinkingAveragesEverySourcePixelInsteadOfAliasing() {
        int w = 64;
        float[] stripes = new float[w * 4];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = i % 2; // one-pixel stripes: plain bilinear at 1/4 would pick only 0s or only 1s
        }
        float[] out = Resampler.resize(stripes, w, 4, 16, 1);

        for (float v : out) {
            assertEquals(0.5f, v, 0.07f);
        }
    }

    @Test
    void aConstantPlaneStaysConstantAtAnySize() {
        float[] plane = new float[37 * 23];
        java.util.Arrays.fill(plane, 0.3f);

        for (int[] size : new int[][] { { 320, 320 }, { 5, 3 }, { 37, 100 }, { 1, 1 } }) {
            for (float v : Resampler.resize(plane, 37, 23, size[0], size[1])) {
                assertEquals(0.3f, v, EPS);
            }
        }
    }

    @Test
    void theSameSizeIsACopyAndAWrongLengthIsRefused() {
        float[] plane = { 1, 2, 3, 4, 5, 6 };
        float[] out = Resampler.resize(plane, 3, 2, 3, 2);
        assertArrayEquals(plane, out);
        out[0] = 9;
        assertEquals(1, plane[0]);
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(plane, 2, 2, 4, 4));
    }
}
