package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;

class LocalEraseTest {
    private static final int W = 256;
    private static final int H = 192;

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    /** A smooth gradient in every channel: what an erase should reconstruct almost exactly. */
    private static int gradient(int x, int y) {
        int r = 20 + x * 200 / (W - 1);
        int g = 30 + y * 180 / (H - 1);
        int b = 40 + (x + y) * 150 / (W + H - 2);
        return r << 16 | g << 8 | b;
    }

    private static boolean inHole(int x, int y) {
        return x >= 96 && x < 160 && y >= 64 && y < 128;
    }

    @Test
    void erasingARectangleOfASmoothGradientReconstructsTheGradient() {
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> inHole(x, y) ? 0xff00ff : gradient(x, y)); // a magenta blot
        byte[] mask = TestImages.grayPng(W, H, (x, y) -> inHole(x, y) ? 255 : 0);

        GeneratedImage out = provider.edit(TestImages.request(ImageOperation.ERASE_REGION, LocalEdits.ERASE_MODEL,
                source, W, H).maskPng(mask).build(), (f, m) -> { }, () -> false);

        assertEquals("image/png", out.mediaType());
        assertEquals(LocalEdits.ERASE_MODEL, out.modelId());
        int[] result = TestImages.pixels(out.data());
        int[] original = TestImages.pixels(source);
        double error = 0;
        int holePixels = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                if (inHole(x, y)) {
                    error += TestImages.difference(result[i], gradient(x, y));
                    holePixels++;
                } else {
                    assertEquals(original[i], result[i], "pixel outside the mask changed at " + x + "," + y);
                }
            }
        }
        double meanError = error / holePixels;
        assertTrue(meanError < 1.5, "mean absolute error in the hole: " + meanError);
    }

    @Test
    void pixelsBelowHalfOfAFeatheredMaskAreNotTouched() {
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> (x / 8 + y / 8) % 2 == 0 ? 0x203040 : 0xd0c0b0);
        // 255 in the hole, a feathered ring 1..254 around it, 0 elsewhere
        byte[] mask = TestImages.grayPng(W, H, (x, y) -> {
            int d = Math.max(Math.max(96 - x, x - 159), Math.max(64 - y, y - 127));
            return d <= 0 ? 255 : d < 12 ? 255 - d * 21 : 0;
        });
        int[] maskValues = TestImages.pixels(mask);

        byte[] out = provider.edit(TestImages.request(ImageOperation.ERASE_REGION, LocalEdits.ERASE_MODEL, source, W,
                H).maskPng(mask).build(), (f, m) -> { }, () -> false).data();

        int[] original = TestImages.pixels(source);
        int[] result = TestImages.pixels(out);
        int changed = 0;
        for (int i = 0; i < result.length; i++) {
            int m = maskValues[i] & 0xff;
            if (m < 128) {
                assertEquals(original[i], result[i], "pixel " + i + " with mask " + m + " changed");
            } else if (result[i] != original[i]) {
                changed++;
            }
        }
        assertTrue(changed > 64 * 64 / 4, "the erase changed only " + changed + " pixels");
    }

    @Test
    void graySourcesKeepTheirExactValuesOutsideTheMask() {
        byte[] source = TestImages.grayPng(W, H, (x, y) -> (x * 7 + y * 3) % 256);
        byte[] mask = TestImages.grayPng(W, H, (x, y) -> inHole(x, y) ? 255 : 0);

        int[] result = TestImages.pixels(provider.edit(TestImages.request(ImageOperation.ERASE_REGION,
                LocalEdits.ERASE_MODEL, source, W, H).maskPng(mask).build(), (f, m) -> { }, () -> false).data());

        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int expected = (x * 7 + y * 3) % 256;
                int pixel = result[y * W + x];
                if (!inHole(x, y)) {
                    assertEquals(expected, pixel & 0xff, "gray value at " + x + "," + y);
                    assertEquals(pixel & 0xff, pixel >> 16 & 0xff, "gray stays gray at " + x + "," + y);
                }
            }
        }
    }
}
