package io.karafimages.provider.local.internal;

import java.util.SplittableRandom;

/**
 * A deterministic variation of an image, chosen by a seed: maybe mirrored, cropped by up to 12 % and scaled back
 * (bilinear) so the composition shifts, hue rotated by 8 to 35 degrees either way, saturation and exposure nudged,
 * and a fine film grain. Plain geometry and colour arithmetic, no model. The same seed and image give the same
 * pixels on every JVM (StrictMath for the one rotation, an integer hash for the grain). Stateless.
 */
final class Variator {
    private Variator() {
    }

    /** The recipe one seed picks. */
    private record Recipe(boolean mirror, double zoom, double offsetX, double offsetY, double[] colour, int grain,
            long grainSeed) {
    }

    static Picture variate(Picture source, long seed, EditProgress progress) {
        Recipe recipe = recipe(seed);
        int w = source.width();
        int h = source.height();
        double cropW = w / recipe.zoom();
        double cropH = h / recipe.zoom();
        double x0 = recipe.offsetX() * (w - cropW);
        double y0 = recipe.offsetY() * (h - cropH);
        int[] out = new int[source.size()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int column = recipe.mirror() ? w - 1 - x : x;
                double sx = x0 + (column + 0.5) * cropW / w - 0.5;
                double sy = y0 + (y + 0.5) * cropH / h - 0.5;
                int pixel = recolour(sample(source, sx, sy), recipe.colour());
                out[y * w + x] = grain(pixel, x, y, recipe);
            }
            if ((y & 63) == 63) {
                progress.report((double) (y + 1) / h, "varying");
            }
        }
        return source.with(out);
    }

    private static Recipe recipe(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean mirror = rnd.nextBoolean();
        double zoom = 1.0 + 0.12 * rnd.nextDouble();
        double offsetX = rnd.nextDouble();
        double offsetY = rnd.nextDouble();
        double degrees = (rnd.nextBoolean() ? 1 : -1) * (8 + 27 * rnd.nextDouble());
        double saturation = 0.9 + 0.25 * rnd.nextDouble();
        double exposure = 0.94 + 0.12 * rnd.nextDouble();
        int grain = 2 + rnd.nextInt(5);
        return new Recipe(mirror, zoom, offsetX, offsetY, colourMatrix(degrees, saturation, exposure), grain,
                rnd.nextLong());
    }

    /**
     * One 3x3 RGB matrix: to YIQ, rotate the chroma plane (a hue rotation that keeps luma), scale chroma
     * (saturation) and everything (exposure), back to RGB.
     */
    private static double[] colourMatrix(double degrees, double saturation, double exposure) {
        double[][] toYiq = { { 0.299, 0.587, 0.114 }, { 0.596, -0.274, -0.322 }, { 0.211, -0.523, 0.312 } };
        double[][] toRgb = { { 1, 0.956, 0.621 }, { 1, -0.272, -0.647 }, { 1, -1.106, 1.703 } };
        double c = StrictMath.cos(StrictMath.toRadians(degrees)) * saturation;
        double s = StrictMath.sin(StrictMath.toRadians(degrees)) * saturation;
        double[][] rotate = { { 1, 0, 0 }, { 0, c, -s }, { 0, s, c } };
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        v += toRgb[i][k] * rotate[k][l] * toYiq[l][j];
                    }
                }
                m[i * 3 + j] = v * exposure;
            }
        }
        return m;
    }

    private static int recolour(int p, double[] m) {
        int r = Colours.red(p);
        int g = Colours.green(p);
        int b = Colours.blue(p);
        return Colours.argb(Colours.alpha(p), (int) Math.round(m[0] * r + m[1] * g + m[2] * b),
                (int) Math.round(m[3] * r + m[4] * g + m[5] * b), (int) Math.round(m[6] * r + m[7] * g + m[8] * b));
    }

    /** The same luminance noise on R, G and B: grain, not colour speckle. */
    private static int grain(int p, int x, int y, Recipe recipe) {
        long bits = ProceduralFill.hash(x, y, recipe.grainSeed());
        int n = (int) ((bits >>> 40) % (2 * recipe.grain() + 1)) - recipe.grain();
        return Colours.argb(Colours.alpha(p), Colours.red(p) + n, Colours.green(p) + n, Colours.blue(p) + n);
    }

    /** Bilinear sample at (sx, sy), clamped to the image. */
    private static int sample(Picture p, double sx, double sy) {
        int w = p.width();
        int h = p.height();
        double cx = Math.max(0, Math.min(w - 1, sx));
        double cy = Math.max(0, Math.min(h - 1, sy));
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        int top = Colours.mix(p.argb()[y0 * w + x0], p.argb()[y0 * w + x1], cx - x0);
        int bottom = Colours.mix(p.argb()[y1 * w + x0], p.argb()[y1 * w + x1], cx - x0);
        return Colours.mix(top, bottom, cy - y0);
    }
}
