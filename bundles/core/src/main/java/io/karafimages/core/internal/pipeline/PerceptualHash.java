package io.karafimages.core.internal.pipeline;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A 64-bit perceptual hash (pHash) of a picture: the image reduced to 32x32 gray, its 2-D DCT, and one bit per
 * low-frequency coefficient (the 8x8 corner) saying whether it lies above their median. Resizing, recompression and
 * small colour changes keep most bits; different pictures differ in about half. Transparent areas count as white,
 * as a viewer shows them on a page. Stateless and thread-safe.
 */
public final class PerceptualHash {
    /** Hashes at most this many bits apart are treated as the same picture. */
    public static final int SAME_PICTURE = 10;
    private static final int N = 32;
    private static final double[][] COS = new double[8][N];

    static {
        for (int u = 0; u < 8; u++) {
            for (int x = 0; x < N; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private PerceptualHash() {
    }

    /** The hash as 16 lower-case hex digits. */
    public static String of(BufferedImage image) {
        BufferedImage small = shrink(image, N, N);
        double[][] gray = new double[N][N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                gray[y][x] = luma(small.getRGB(x, y));
            }
        }
        double[] low = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < N; y++) {
                    double row = 0;
                    for (int x = 0; x < N; x++) {
                        row += gray[y][x] * COS[u][x];
                    }
                    sum += row * COS[v][y];
                }
                low[v * 8 + u] = sum;
            }
        }
        // The DC term (the mean brightness) says nothing about the picture's structure: compare the others.
        double[] sorted = java.util.Arrays.copyOfRange(low, 1, 64);
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        long bits = 0;
        for (int i = 0; i < 64; i++) {
            bits = (bits << 1) | (i > 0 && low[i] > median ? 1 : 0);
        }
        return String.format("%016x", bits);
    }

    /** How many of the 64 bits differ; 64 when either hash is malformed. */
    public static int distance(String a, String b) {
        try {
            return Long.bitCount(Long.parseUnsignedLong(a, 16) ^ Long.parseUnsignedLong(b, 16));
        } catch (RuntimeException malformed) {
            return 64;
        }
    }

    private static BufferedImage shrink(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            int step = Math.max(1, Math.max(image.getWidth() / (w * 4), image.getHeight() / (h * 4)));
            BufferedImage source = step == 1 ? image : boxed(image, step);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Averages step x step blocks (with alpha over white) so that large images are not just sampled. */
    private static BufferedImage boxed(BufferedImage image, int step) {
        int w = Math.max(1, image.getWidth() / step);
        int h = Math.max(1, image.getHeight() / step);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[step * image.getWidth()];
        for (int by = 0; by < h; by++) {
            image.getRGB(0, by * step, image.getWidth(), step, row, 0, image.getWidth());
            for (int bx = 0; bx < w; bx++) {
                long r = 0;
                long gr = 0;
                long b = 0;
                for (int y = 0; y < step; y++) {
                    for (int x = 0; x < step; x++) {
                        int p = row[y * image.getWidth() + bx * step + x];
                        int a = p >>> 24;
                        r += (((p >> 16) & 0xff) * a + 255 * (255 - a)) / 255;
                        gr += (((p >> 8) & 0xff) * a + 255 * (255 - a)) / 255;
                        b += ((p & 0xff) * a + 255 * (255 - a)) / 255;
                    }
                }
                int n = step * step;
                out.setRGB(bx, by, (int) (r / n) << 16 | (int) (gr / n) << 8 | (int) (b / n));
            }
        }
        return out;
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
    }
}
