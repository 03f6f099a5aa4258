package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * Reduces a picture to a few flat colours for tracing. Pixels are first gathered into 5-bit-per-channel buckets
 * (32,768 at most, so the clustering cost does not grow with the picture); buckets are then clustered by weighted
 * k-means in OKLab, where equal distances look about equally different, starting from the heaviest bucket and
 * adding the bucket that is worst served (weight times squared distance) while a new colour still wins a noticeable
 * share of the picture. A pixel that differs from a neighbour by more than a few levels (an edge, an anti-aliased
 * fringe) weighs little, so colours are chosen from the flat areas, and {@link FringeResolver} then gives
 * fringes to the shapes beside them instead of a colour of their own. Pixels with alpha below 128 become {@link #TRANSPARENT}: no shape. All
 * arithmetic is IEEE or {@link StrictMath} (see {@link OkLab}), so a picture gives the same palette on every JVM. Stateless.
 */
final class ColourQuantizer {
    /** The label of a pixel that is no shape. */
    static final byte TRANSPARENT = -1;
    static final int OPAQUE_FROM = 128;
    private static final int BUCKETS = 1 << 15;
    /** How much a pixel on an edge counts, against 1 for a pixel inside a flat or gently shaded area. */
    private static final double EDGE_WEIGHT = 0.05;
    /** The largest channel step to a neighbour that still counts as flat: gradients and light noise. */
    private static final int FLAT_STEP = 8;
    /** A new colour must win this share of the picture's weight, or it is a fringe or noise, not a colour. */
    private static final double MIN_SHARE = 0.0005;
    /** Candidates below the share tried before the palette is taken as complete. */
    private static final int MAX_REJECTIONS = 24;
    private static final int ITERATIONS = 12;

    /**
     * The quantised picture: one label per pixel, an index into {@code palette} (opaque 0xRRGGBB) or
     * {@link #TRANSPARENT}.
     */
    record Quantized(byte[] labels, int[] palette) {
    }

    private ColourQuantizer() {
    }

    /** At most {@code maxColours} (1..127) colours; fewer when the picture has fewer. */
    static Quantized quantize(Picture picture, int maxColours, EditProgress progress) {
        boolean[] flat = new boolean[picture.size()];
        Buckets buckets = Buckets.fill(picture, flat, progress);
        progress.report(0.5, "choosing colours");
        if (buckets.count() == 0) {
            byte[] labels = new byte[picture.size()];
            Arrays.fill(labels, TRANSPARENT);
            return new Quantized(labels, new int[0]);
        }
        double[][] centres = cluster(buckets, maxColours, progress);
        int[] nearest = new int[buckets.count()];
        int[] used = new int[centres.length];
        Arrays.fill(used, -1);
        int k = 0;
        for (int b = 0; b < nearest.length; b++) {
            int c = nearestCentre(buckets.lab[b], centres);
            used[c] = used[c] < 0 ? k++ : used[c]; // a centre that won no bucket gets no palette entry
            nearest[b] = used[c];
        }
        int[] palette = palette(buckets, nearest, k);
        byte[] lut = new byte[BUCKETS];
        for (int b = 0; b < nearest.length; b++) {
            lut[buckets.key[b]] = (byte) nearest[b];
        }
        int[] argb = picture.argb();
        byte[] labels = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            labels[i] = Colours.alpha(argb[i]) < OPAQUE_FROM ? TRANSPARENT : lut[key(argb[i])];
        }
        progress.report(0.8, "assigning colours");
        FringeResolver.resolve(picture, labels, flat, palette, progress);
        progress.report(1, "quantised");
        return new Quantized(labels, palette);
    }

    /** Farthest-point seeding with a share test, then Lloyd iterations; never returns an empty cluster. */
    private static double[][] cluster(Buckets buckets, int maxColours, EditProgress progress) {
        int n = buckets.count();
        double[][] centres = new double[maxColours][];
        int heaviest = 0;
        for (int b = 1; b < n; b++) {
            heaviest = buckets.weight[b] > buckets.weight[heaviest] ? b : heaviest;
        }
        centres[0] = buckets.lab[heaviest].clone();
        double[] served = new double[n];
        for (int b = 0; b < n; b++) {
            served[b] = OkLab.distance2(buckets.lab[b], centres[0]);
        }
        boolean[] rejected = new boolean[n];
        int k = 1;
        int rejections = 0;
        while (k < maxColours && rejections < MAX_REJECTIONS) {
            int candidate = worstServed(buckets, served, rejected);
            if (candidate < 0) {
                break;
            }
            double[] c = buckets.lab[candidate];
            double won = 0;
            for (int b = 0; b < n; b++) {
                won += OkLab.distance2(buckets.lab[b], c) < served[b] ? buckets.weight[b] : 0;
            }
            if (won < MIN_SHARE * buckets.total) {
                rejected[candidate] = true;
                rejections++;
                continue;
            }
            centres[k++] = c.clone();
            for (int b = 0; b < n; b++) {
                served[b] = Math.min(served[b], OkLab.distance2(buckets.lab[b], c));
            }
        }
        progress.report(0.6, "choosing colours");
        return lloyd(buckets, Arrays.copyOf(centres, k), progress);
    }

    private static int worstServed(Buckets buckets, double[] served, boolean[] rejected) {
        int worst = -1;
        double score = 0;
        for (int b = 0; b < served.length; b++) {
            double s = buckets.weight[b] * served[b];
            if (!rejected[b] && s > score) {
                score = s;
                worst = b;
            }
        }
        return worst;
    }

    private static double[][] lloyd(Buckets buckets, double[][] centres, EditProgress progress) {
        int k = centres.length;
        int[] assigned = new int[buckets.count()];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            progress.checkCancelled();
            double[][] sums = new double[k][3];
            double[] weights = new double[k];
            boolean moved = false;
            for (int b = 0; b < assigned.length; b++) {
                int c = nearestCentre(buckets.lab[b], centres);
                moved |= iteration == 0 || c != assigned[b];
                assigned[b] = c;
                double w = buckets.weight[b];
                weights[c] += w;
                for (int j = 0; j < 3; j++) {
                    sums[c][j] += w * buckets.lab[b][j];
                }
            }
            if (!moved) {
                break;
            }
            for (int c = 0; c < k; c++) {
                if (weights[c] > 0) { // a centre that lost every bucket keeps its place and may win some back
                    for (int j = 0; j < 3; j++) {
                        centres[c][j] = sums[c][j] / weights[c];
                    }
                }
            }
        }
        return centres;
    }

    /** Each cluster's colour: the weighted mean of its buckets in sRGB, so a flat colour comes out as it went in. */
    private static int[] palette(Buckets buckets, int[] nearest, int k) {
        double[][] sums = new double[k][3];
        double[] weights = new double[k];
        for (int b = 0; b < nearest.length; b++) {
            double w = buckets.weight[b];
            weights[nearest[b]] += w;
            for (int j = 0; j < 3; j++) {
                sums[nearest[b]][j] += w * buckets.rgb[b][j];
            }
        }
        int[] palette = new int[k];
        for (int c = 0; c < k; c++) {
            double w = weights[c];
            palette[c] = (int) Math.round(sums[c][0] / w) << 16 | (int) Math.round(sums[c][1] / w) << 8
                    | (int) Math.round(sums[c][2] / w);
        }
        return palette;
    }

    private static int nearestCentre(double[] lab, double[][] centres) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < centres.length; c++) {
            double d = OkLab.distance2(lab, centres[c]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static int key(int argb) {
        return (Colours.red(argb) >> 3) << 10 | (Colours.green(argb) >> 3) << 5 | Colours.blue(argb) >> 3;
    }

    /** The non-empty buckets: key, weight, weighted mean colour in sRGB and in OKLab. */
    private record Buckets(int[] key, double[] weight, double[][] rgb, double[][] lab, double total) {
        int count() {
            return key.length;
        }

        /** Counts the opaque pixels into buckets and marks in {@code flat} those that are not on an edge. */
        static Buckets fill(Picture picture, boolean[] flat, EditProgress progress) {
            double[] weight = new double[BUCKETS];
            double[][] sums = new double[BUCKETS][];
            int[] argb = picture.argb();
            int w = picture.width();
            for (int y = 0; y < picture.height(); y++) {
                if ((y & 63) == 0) {
                    progress.report(0.4 * y / picture.height(), "counting colours");
                }
                for (int x = 0; x < w; x++) {
                    int p = argb[y * w + x];
                    if (Colours.alpha(p) < OPAQUE_FROM) {
                        continue;
                    }
                    flat[y * w + x] = flat(picture, x, y, p);
                    double pw = flat[y * w + x] ? 1 : EDGE_WEIGHT;
                    int k = ColourQuantizer.key(p);
                    double[] s = sums[k] == null ? sums[k] = new double[3] : sums[k];
                    weight[k] += pw;
                    s[0] += pw * Colours.red(p);
                    s[1] += pw * Colours.green(p);
                    s[2] += pw * Colours.blue(p);
                }
            }
            return collect(weight, sums);
        }

        private static Buckets collect(double[] weight, double[][] sums) {
            int n = 0;
            for (double v : weight) {
                n += v > 0 ? 1 : 0;
            }
            int[] key = new int[n];
            double[] w = new double[n];
            double[][] rgb = new double[n][];
            double[][] lab = new double[n][];
            double total = 0;
            int j = 0;
            for (int k = 0; k < BUCKETS; k++) {
                if (weight[k] > 0) {
                    key[j] = k;
                    w[j] = weight[k];
                    rgb[j] = new double[] { sums[k][0] / weight[k], sums[k][1] / weight[k], sums[k][2] / weight[k] };
                    lab[j] = OkLab.of(rgb[j][0], rgb[j][1], rgb[j][2]);
                    total += weight[k];
                    j++;
                }
            }
            return new Buckets(key, w, rgb, lab, total);
        }

        /** Whether no opaque 4-neighbour differs from the pixel by more than {@link #FLAT_STEP} in a channel. */
        private static boolean flat(Picture picture, int x, int y, int p) {
            int w = picture.width();
            int[] argb = picture.argb();
            int i = y * w + x;
            return (x == 0 || near(p, argb[i - 1])) && (x == w - 1 || near(p, argb[i + 1]))
                    && (y == 0 || near(p, argb[i - w])) && (y == picture.height() - 1 || near(p, argb[i + w]));
        }

        private static boolean near(int p, int q) {
            return Colours.alpha(q) < OPAQUE_FROM || Math.abs(Colours.red(p) - Colours.red(q)) <= FLAT_STEP
                    && Math.abs(Colours.green(p) - Colours.green(q)) <= FLAT_STEP
                    && Math.abs(Colours.blue(p) - Colours.blue(q)) <= FLAT_STEP;
        }
    }
}
