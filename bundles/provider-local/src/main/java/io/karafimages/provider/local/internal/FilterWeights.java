package io.karafimages.provider.local.internal;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The precomputed taps of a one-dimensional filter from a line of {@code in} samples to a line of {@code out}: for
 * every output index its first input index, its number of taps and their weights, normalised to sum 1 so a flat
 * area keeps its exact value. Taps that would fall outside the line are folded onto the end sample (clamp to edge),
 * so a window never leaves the line, and windows slide forward with the output index: that is what lets
 * {@link SeparableFilter} filter each input row once. Weights use {@link StrictMath}, so every JVM computes the same
 * bytes. Immutable and thread-safe.
 */
final class FilterWeights {
    /** Lanczos' lobe count: 3 is the usual balance of sharpness against ringing. */
    private static final int LANCZOS_LOBES = 3;
    /** Gaussian taps stop at three standard deviations, where the kernel is 1 % of its peak. */
    private static final double GAUSSIAN_REACH = 3;

    private final int[] first;
    private final int[] count;
    private final float[] weights;
    private final int stride;

    private FilterWeights(int[] first, int[] count, float[] weights, int stride) {
        this.first = first;
        this.count = count;
        this.weights = weights;
        this.stride = stride;
    }

    /** Lanczos-3 resampling of {@code in} samples to {@code out}; when shrinking, the kernel widens to low-pass. */
    static FilterWeights lanczos3(int in, int out) {
        return build(in, out, LANCZOS_LOBES, FilterWeights::lanczos3);
    }

    /** A Gaussian blur of standard deviation {@code sigma} samples along a line of {@code length}. */
    static FilterWeights gaussian(int length, double sigma) {
        return build(length, length, GAUSSIAN_REACH * sigma, x -> StrictMath.exp(-x * x / (2 * sigma * sigma)));
    }

    int first(int o) {
        return first[o];
    }

    int count(int o) {
        return count[o];
    }

    /** The weight of input {@code first(o) + k} in output {@code o}. */
    float weight(int o, int k) {
        return weights[o * stride + k];
    }

    /** The most taps any output has: how many input lines a streaming filter must keep at once. */
    int maxTaps() {
        return stride;
    }

    int outputs() {
        return first.length;
    }

    private static FilterWeights build(int in, int out, double support, DoubleUnaryOperator kernel) {
        double ratio = (double) in / out;
        double stretch = Math.max(1, ratio); // shrinking: widen the kernel so it also removes what would alias
        double reach = support * stretch;
        int stride = Math.min(in, (int) Math.ceil(2 * reach) + 1);
        int[] first = new int[out];
        int[] count = new int[out];
        float[] weights = new float[out * stride];
        double[] taps = new double[stride];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * ratio - 0.5; // pixel centres line up, as in every image resampler
            int lo = (int) Math.floor(centre - reach) + 1;
            int hi = (int) Math.ceil(centre + reach) - 1;
            int start = Math.max(0, Math.min(in - 1, lo));
            int end = Math.max(0, Math.min(in - 1, hi));
            Arrays.fill(taps, 0);
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double w = kernel.applyAsDouble((i - centre) / stretch);
                taps[Math.max(0, Math.min(in - 1, i)) - start] += w; // clamp: outside taps weigh on the edge sample
                sum += w;
            }
            first[o] = start;
            count[o] = end - start + 1;
            for (int k = 0; k < count[o]; k++) {
                weights[o * stride + k] = (float) (taps[k] / sum);
            }
        }
        return new FilterWeights(first, count, weights, stride);
    }

    private static double lanczos3(double x) {
        if (x == 0) {
            return 1;
        }
        if (Math.abs(x) >= LANCZOS_LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        return LANCZOS_LOBES * StrictMath.sin(px) * StrictMath.sin(px / LANCZOS_LOBES) / (px * px);
    }
}
