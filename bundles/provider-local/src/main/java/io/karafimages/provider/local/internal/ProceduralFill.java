package io.karafimages.provider.local.internal;

import java.util.SplittableRandom;

/**
 * Procedural pictures computed per pixel from a {@link Palette} and a seed, in the spirit of
 * {@link ProceduralPainter} (a gradient with soft discs) but without Java2D, so the same inputs give the same bytes
 * on every JVM and any size is cheap. Two looks: a "scene" (tilted gradient, value noise, soft discs) for prompted
 * fills and a "studio" backdrop (radial falloff) for neutral backgrounds. Stateless and thread-safe.
 */
final class ProceduralFill {
    private static final int ROWS_PER_REPORT = 64;

    private ProceduralFill() {
    }

    /** Opaque pixels of a scene for this palette and seed. */
    static int[] scene(Palette palette, long seed, int w, int h, EditProgress progress) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double tiltX = 0.4 * rnd.nextDouble();
        double cell = Math.max(8, Math.min(w, h) / 5.0);
        long noiseSeed = rnd.nextLong();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = tiltX * x / w + (1 - tiltX) * y / h;
                t += 0.22 * (noise(x / cell, y / cell, noiseSeed) - 0.5);
                t += 0.08 * (noise(3 * x / cell, 3 * y / cell, ~noiseSeed) - 0.5);
                out[y * w + x] = palette.at(t);
            }
            reportRows(y, h, progress, 0.7);
        }
        int discs = 5 + rnd.nextInt(5);
        for (int i = 0; i < discs; i++) {
            int colour = palette.colours()[rnd.nextInt(palette.colours().length)];
            double radius = (0.08 + 0.22 * rnd.nextDouble()) * Math.min(w, h);
            disc(out, w, h, rnd.nextDouble() * w, rnd.nextDouble() * h, radius, colour, 0.3 + 0.4 * rnd.nextDouble());
            progress.report(0.7 + 0.3 * (i + 1) / discs, "painting");
        }
        return out;
    }

    /** Opaque pixels of a soft studio backdrop: lightest above the centre, darker towards the edges. */
    static int[] studio(Palette palette, long seed, int w, int h, EditProgress progress) {
        double cx = 0.5 * w;
        double cy = 0.38 * h;
        double reach = 0.8 * Math.max(w, h);
        double cell = Math.max(8, Math.min(w, h) / 4.0);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double t = Math.sqrt(dx * dx + dy * dy) / reach + 0.06 * (noise(x / cell, y / cell, seed) - 0.5);
                out[y * w + x] = palette.at(t);
            }
            reportRows(y, h, progress, 1);
        }
        return out;
    }

    /**
     * Smooth value noise in 0..1: random values on an integer lattice, interpolated with smoothstep. The lattice
     * values come from a hash of the cell and the seed, so no table is kept and any point can be asked for.
     */
    static double noise(double x, double y, long seed) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double sx = smooth(x - fx);
        double sy = smooth(y - fy);
        double top = lerp(lattice(ix, iy, seed), lattice(ix + 1, iy, seed), sx);
        double bottom = lerp(lattice(ix, iy + 1, seed), lattice(ix + 1, iy + 1, seed), sx);
        return lerp(top, bottom, sy);
    }

    /** A well-mixed 64-bit hash (the SplitMix64 finaliser) of a lattice point; also the grain of variations. */
    static long hash(long a, long b, long seed) {
        long z = seed + a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double lattice(long x, long y, long seed) {
        return (hash(x, y, seed) >>> 11) * 0x1.0p-53;
    }

    private static void disc(int[] out, int w, int h, double cx, double cy, double r, int colour, double strength) {
        int x0 = Math.max(0, (int) (cx - r));
        int x1 = Math.min(w - 1, (int) (cx + r) + 1);
        int y0 = Math.max(0, (int) (cy - r));
        int y1 = Math.min(h - 1, (int) (cy + r) + 1);
        double r2 = r * r;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / r2;
                if (d2 < 1) {
                    double falloff = (1 - d2) * (1 - d2);
                    out[y * w + x] = Colours.mix(out[y * w + x], colour, strength * falloff);
                }
            }
        }
    }

    private static void reportRows(int y, int h, EditProgress progress, double share) {
        if (y % ROWS_PER_REPORT == ROWS_PER_REPORT - 1) {
            progress.report(share * (y + 1) / h, "painting");
        }
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
