package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.twelvemonkeys.image.ResampleOp;

class Lanczos3Test {

    @Test
    void matchesTwelveMonkeysLanczosOnATexturedImage() {
        BufferedImage src = textured(512, 384, BufferedImage.TYPE_INT_RGB);
        BufferedImage ours = Lanczos3.resize(src, 400, 300);
        BufferedImage theirs = new ResampleOp(400, 300, ResampleOp.FILTER_LANCZOS).filter(src, null);
        double[] diff = difference(ours, theirs);
        // the same filter; TwelveMonkeys places samples a fraction of a pixel differently, visible only on noise
        assertTrue(diff[0] < 2.0, "mean difference per channel " + diff[0]);
        assertTrue(diff[1] <= 48, "largest difference " + diff[1]);
    }

    @Test
    void samplesAtPixelCentresAndReproducesAGradient() {
        int sw = 500;
        int tw = 200;
        BufferedImage src = new BufferedImage(sw, 4, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < sw; x++) {
            int v = (int) Math.round(x * 255.0 / (sw - 1));
            for (int y = 0; y < 4; y++) {
                src.setRGB(x, y, 0xff000000 | v << 16 | v << 8 | v);
            }
        }
        BufferedImage out = Lanczos3.resize(src, tw, 2);
        for (int i = 5; i < tw - 5; i++) { // away from the borders, Lanczos reproduces a linear ramp
            double centre = (i + 0.5) * sw / tw - 0.5;
            double expected = centre * 255.0 / (sw - 1);
            int got = out.getRGB(i, 1) & 255;
            assertTrue(Math.abs(got - expected) <= 1.0, "pixel " + i + ": " + got + " vs " + expected);
        }
    }

    @Test
    void keepsAFlatColourFlatAtEverySize() {
        for (int type : new int[] { BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB }) {
            BufferedImage src = new BufferedImage(97, 61, type);
            for (int y = 0; y < 61; y++) {
                for (int x = 0; x < 97; x++) {
                    src.setRGB(x, y, 0xff336699);
                }
            }
            for (int[] size : new int[][] { { 60, 40 }, { 1, 1 }, { 97, 61 }, { 150, 90 }, { 49, 31 } }) {
                BufferedImage out = Lanczos3.resize(src, size[0], size[1]);
                assertEquals(size[0], out.getWidth());
                assertEquals(size[1], out.getHeight());
                assertEquals(type, out.getType());
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        assertEquals(0xff336699, out.getRGB(x, y), "pixel " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void transparentPixelsLendNoColourToTheirNeighbours() {
        // left half fully transparent "black", right half opaque white: no dark fringe at the edge
        BufferedImage src = new BufferedImage(64, 8, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 64; x++) {
                src.setRGB(x, y, x < 32 ? 0x00000000 : 0xffffffff);
            }
        }
        BufferedImage out = Lanczos3.resize(src, 24, 3);
        for (int x = 0; x < 24; x++) {
            int p = out.getRGB(x, 1);
            if (p >>> 24 > 8) {
                assertTrue((p >> 16 & 255) > 240 && (p >> 8 & 255) > 240 && (p & 255) > 240,
                        "colour of a visible pixel stays white: " + Integer.toHexString(p) + " at " + x);
            }
        }
        assertEquals(0, out.getRGB(0, 1) >>> 24, "far from the edge the transparent side stays transparent");
        assertEquals(255, out.getRGB(23, 1) >>> 24);
    }

    private static BufferedImage textured(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (127 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0)) + rnd.nextInt(-20, 21);
                int g = (int) (127 + 100 * Math.sin((x + y) / 17.0)) + rnd.nextInt(-20, 21);
                int b = x * 255 / w;
                img.setRGB(x, y, 0xff000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b));
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Mean and largest absolute difference per channel. */
    private static double[] difference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = Math.abs((p >> shift & 255) - (q >> shift & 255));
                    sum += d;
                    max = Math.max(max, d);
                }
            }
        }
        return new double[] { sum / (3.0 * a.getWidth() * a.getHeight()), max };
    }
}
