package io.karafimages.provider.onnx.internal;

/**
 * Resizes float planes with a triangle (tent) filter in two separable passes. Enlarging, that is exactly bilinear
 * interpolation; shrinking, the tent is widened to the scale factor so every source pixel contributes (plain
 * bilinear would sample a few and alias: a 4000 px photo brought to the model's 320 px would lose thin strands).
 * Pixel centres are aligned ({@code (i + 0.5) * scale}); weights falling outside the plane are dropped and the rest
 * renormalised, so edges are not darkened. Stateless and thread-safe.
 */
final class Resampler {
    private Resampler() {
    }

    /** The plane ({@code width x height}, row-major) resized to {@code newWidth x newHeight}. */
    static float[] resize(float[] plane, int width, int height, int newWidth, int newHeight) {
        if (plane.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " plane has " + width * height
                    + " values, not " + plane.length);
        }
        if (width == newWidth && height == newHeight) {
            return plane.clone();
        }
        Taps horizontal = Taps.of(width, newWidth);
        float[] rows = new float[newWidth * height];
        for (int y = 0; y < height; y++) {
            horizontal.applyToRow(plane, y * width, rows, y * newWidth);
        }
        float[] out = new float[newWidth * newHeight];
        Taps.of(height, newHeight).applyToRows(rows, newWidth, out);
        return out;
    }

    /** The filter weights for one axis: for output i, {@code count[i]} taps from source index {@code first[i]}. */
    private static final class Taps {
        private final int[] first;
        private final int[] count;
        private final float[] weights;
        private final int stride;

        private Taps(int[] first, int[] count, float[] weights, int stride) {
            this.first = first;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Taps of(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(1.0, scale); // the tent's radius in source pixels
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            float[] weights = new float[out * stride];
            for (int i = 0; i < out; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in, (int) Math.ceil(centre + support));
                double sum = 0;
                int n = 0;
                for (int j = lo; j < hi && n < stride; j++, n++) {
                    double w = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / support));
                    weights[i * stride + n] = (float) w;
                    sum += w;
                }
                for (int k = 0; k < n; k++) {
                    weights[i * stride + k] = sum > 0 ? (float) (weights[i * stride + k] / sum) : 1f / n;
                }
                first[i] = lo;
                count[i] = n;
            }
            return new Taps(first, count, weights, stride);
        }

        /** Filters one row: source values from {@code src[from]}, results from {@code dst[to]}. */
        void applyToRow(float[] src, int from, float[] dst, int to) {
            for (int i = 0; i < first.length; i++) {
                float acc = 0;
                int s = from + first[i];
                int w = i * stride;
                for (int k = 0; k < count[i]; k++) {
                    acc += src[s + k] * weights[w + k];
                }
                dst[to + i] = acc;
            }
        }

        /**
         * Filters along the columns of a plane {@code width} wide, a whole row at a time: the same sums as
         * {@link #applyToRow} per column, but reading memory in order (a column walk misses the cache on every value).
         */
        void applyToRows(float[] src, int width, float[] dst) {
            for (int i = 0; i < first.length; i++) {
                int out = i * width;
                for (int k = 0; k < count[i]; k++) {
                    float w = weights[i * stride + k];
                    int in = (first[i] + k) * width;
                    for (int x = 0; x < width; x++) {
                        dst[out + x] += src[in + x] * w;
                    }
                }
            }
        }
    }
}
