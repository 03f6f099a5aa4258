package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FilterWeightsTest {
    @Test
    void windowsStayOnTheLineSlideForwardAndSumToOne() {
        List<FilterWeights> all = List.of(FilterWeights.lanczos3(7, 14), FilterWeights.lanczos3(100, 400),
                FilterWeights.lanczos3(1, 4), FilterWeights.lanczos3(90, 30), FilterWeights.gaussian(50, 1.5),
                FilterWeights.gaussian(3, 1.5));
        int[] inputs = { 7, 100, 1, 90, 50, 3 };
        for (int f = 0; f < all.size(); f++) {
            FilterWeights weights = all.get(f);
            for (int o = 0; o < weights.outputs(); o++) {
                int first = weights.first(o);
                int count = weights.count(o);
                assertTrue(first >= 0 && count >= 1 && first + count <= inputs[f] && count <= weights.maxTaps());
                if (o > 0) {
                    assertTrue(first >= weights.first(o - 1), "window start went back at " + o);
                    assertTrue(first + count >= weights.first(o - 1) + weights.count(o - 1), "end went back at " + o);
                }
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += weights.weight(o, k);
                }
                assertEquals(1, sum, 1e-5);
            }
        }
    }

    @Test
    void rowsAskedForOutOfOrderAreTheSameRows() {
        int w = 9;
        int h = 7;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (i * 37 % 256) << 24 | i * 0x010305;
        }
        Picture picture = new Picture(w, h, argb, true);
        SeparableFilter inOrder = new SeparableFilter(PremultipliedRows.of(picture), FilterWeights.lanczos3(w, 2 * w),
                FilterWeights.lanczos3(h, 2 * h));
        SeparableFilter backwards = new SeparableFilter(PremultipliedRows.of(picture),
                FilterWeights.lanczos3(w, 2 * w), FilterWeights.lanczos3(h, 2 * h));
        float[][] expected = new float[2 * h][8 * w];
        for (int y = 0; y < 2 * h; y++) {
            inOrder.row(y, expected[y]);
        }
        for (int y = 2 * h - 1; y >= 0; y--) {
            float[] row = new float[8 * w];
            backwards.row(y, row);
            assertArrayEquals(expected[y], row, "row " + y);
        }
    }
}
