package io.karafimages.provider.local.internal;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Lays a {@link StyleDescription} onto a picture, in OKLab. Colours are mapped by lightness order: a pixel's rank
 * among the picture's lightnesses picks the colour at the same place along the palette sorted dark to light, where
 * each palette colour covers a stretch as long as its weight, so the styled picture shows the style's colours in
 * about the style's proportions while its shapes stay where they were. Then the tone: the pixel's own lightness,
 * shifted and stretched to the style's mean and contrast, is mixed in ({@link StyleRendering#toneShare()}), a part
 * of its own colour difference from the picture's mean is kept ({@link StyleRendering#detail()}), colourfulness is
 * scaled to the style's chroma and the colour cast pulled toward the style's warmth. Gains are bounded, so a flat
 * picture or an extreme style cannot blow up. Only IEEE arithmetic and {@link OkLab}: the same picture and style
 * give the same pixels on every JVM. Alpha is kept. Stateless.
 */
final class StyleRemapper {
    /** Lightness histogram bins for the ranks: finer than 8-bit light, so neighbouring greys keep their order. */
    private static final int BINS = 1024;
    private static final double MIN_CONTRAST_GAIN = 0.5;
    private static final double MAX_CONTRAST_GAIN = 2;
    private static final double MIN_CHROMA_GAIN = 0.6;
    private static final double MAX_CHROMA_GAIN = 1.6;
    /** How far the picture's mean yellow-blue cast moves toward the style's warmth. */
    private static final double WARMTH_PULL = 0.5;
    private static final int CHECK_EVERY = 1 << 16;

    private StyleRemapper() {
    }

    static Picture remap(Picture picture, StyleDescription style, EditProgress progress) {
        int n = picture.size();
        float[][] lab = { new float[n], new float[n], new float[n] };
        double[] stats = measure(picture, lab);
        progress.report(0.3, "measuring the picture");
        double[] rank = ranks(lab[0]);
        Ramp ramp = Ramp.of(style);
        StyleRendering rendering = style.rendering();
        double gain = clamp(style.contrast() / Math.max(stats[1], 1e-3), MIN_CONTRAST_GAIN, MAX_CONTRAST_GAIN);
        double[] target = new double[3];
        double sumC = 0;
        double sumB = 0;
        for (int i = 0; i < n; i++) {
            if (i % CHECK_EVERY == 0) {
                progress.report(0.3 + 0.4 * i / n, "mapping colours");
            }
            ramp.at(rank[bin(lab[0][i])], rendering.flatness(), target);
            double tone = style.lightness() + (lab[0][i] - stats[0]) * gain;
            double a = target[1] + rendering.detail() * (lab[1][i] - stats[2]);
            double b = target[2] + rendering.detail() * (lab[2][i] - stats[3]);
            lab[0][i] = (float) clamp(rendering.toneShare() * tone + (1 - rendering.toneShare()) * target[0], 0, 1);
            lab[1][i] = (float) a;
            lab[2][i] = (float) b;
            sumC += Math.sqrt(a * a + b * b);
            sumB += b;
        }
        double chromaGain = clamp(style.chroma() / Math.max(sumC / n, 1e-4), MIN_CHROMA_GAIN, MAX_CHROMA_GAIN);
        double shift = WARMTH_PULL * (style.warmth() - chromaGain * sumB / n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (i % CHECK_EVERY == 0) {
                progress.report(0.7 + 0.3 * i / n, "toning");
            }
            int rgb = OkLab.toRgb(lab[0][i], chromaGain * lab[1][i], chromaGain * lab[2][i] + shift);
            out[i] = picture.argb()[i] & 0xff000000 | rgb & 0xffffff;
        }
        progress.report(1, "styled");
        return picture.with(out);
    }

    /** Fills {@code lab} with every pixel's OKLab colour; answers {mean L, standard deviation of L, mean a, mean b}. */
    private static double[] measure(Picture picture, float[][] lab) {
        int[] argb = picture.argb();
        double sumL = 0;
        double sumL2 = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < argb.length; i++) {
            double[] c = OkLab.of(argb[i]);
            lab[0][i] = (float) c[0];
            lab[1][i] = (float) c[1];
            lab[2][i] = (float) c[2];
            sumL += c[0];
            sumL2 += c[0] * c[0];
            sumA += c[1];
            sumB += c[2];
        }
        int n = argb.length;
        double mean = sumL / n;
        return new double[] { mean, Math.sqrt(Math.max(0, sumL2 / n - mean * mean)), sumA / n, sumB / n };
    }

    /** For each lightness bin, the mid-rank (0..1) of its pixels among all: the share darker plus half its own. */
    private static double[] ranks(float[] lightness) {
        long[] counts = new long[BINS];
        for (float l : lightness) {
            counts[bin(l)]++;
        }
        double[] rank = new double[BINS];
        long below = 0;
        for (int k = 0; k < BINS; k++) {
            rank[k] = (below + counts[k] / 2.0) / lightness.length;
            below += counts[k];
        }
        return rank;
    }

    private static int bin(float lightness) {
        return Math.max(0, Math.min(BINS - 1, (int) (lightness * BINS)));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /**
     * The palette sorted dark to light, each colour placed at the middle of its stretch of the 0..1 rank line; ranks
     * between two middles blend the two, ranks beyond the ends take the end colour.
     */
    private record Ramp(double[][] lab, double[] centre) {
        static Ramp of(StyleDescription style) {
            int k = style.colours().length;
            double total = Arrays.stream(style.weights()).sum();
            Integer[] order = new Integer[k];
            double[][] colours = new double[k][];
            for (int i = 0; i < k; i++) {
                order[i] = i;
                colours[i] = OkLab.of(style.colours()[i]);
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> colours[i][0]).thenComparingInt(i -> i));
            double[][] lab = new double[k][];
            double[] centre = new double[k];
            double start = 0;
            for (int j = 0; j < k; j++) {
                double share = style.weights()[order[j]] / total;
                lab[j] = colours[order[j]];
                centre[j] = start + share / 2;
                start += share;
            }
            return new Ramp(lab, centre);
        }

        /**
         * Writes the colour at {@code rank} into {@code out}. {@code flatness} narrows the blend around the middle
         * between two colours: 0 blends linearly, near 1 steps from one to the other.
         */
        void at(double rank, double flatness, double[] out) {
            int last = centre.length - 1;
            if (rank <= centre[0] || rank >= centre[last]) {
                System.arraycopy(lab[rank <= centre[0] ? 0 : last], 0, out, 0, 3);
                return;
            }
            int j = 0;
            while (rank >= centre[j + 1]) {
                j++;
            }
            double t = (rank - centre[j]) / (centre[j + 1] - centre[j]);
            double width = Math.max(0.05, 1 - flatness);
            t = clamp((t - 0.5) / width + 0.5, 0, 1);
            for (int c = 0; c < 3; c++) {
                out[c] = lab[j][c] + (lab[j + 1][c] - lab[j][c]) * t;
            }
        }
    }
}
