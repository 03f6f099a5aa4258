package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * The classic unsharp mask as a stage of premultiplied rows: each value moves away from its Gaussian-blurred
 * neighbourhood by {@code amount} times the difference, unless the difference is below {@code threshold} levels,
 * so flat areas and fine noise stay as they were. It works on premultiplied values, where it is the same as
 * sharpening the picture over any backdrop: an alpha edge gets no dark rim. It enhances edges that exist; it adds no
 * detail. Not thread-safe.
 */
final class UnsharpMask implements PremultipliedRows {
    private final RowCache original;
    private final SeparableFilter blur;
    private final float amount;
    private final float threshold;
    private final float[] blurred;

    /**
     * @param sigma the blur's standard deviation in pixels (what image editors call the radius)
     * @param amount how far to push, 0.5 = half the difference
     * @param threshold differences below this many levels (of 255) are left alone
     */
    UnsharpMask(PremultipliedRows source, double sigma, double amount, double threshold) {
        FilterWeights down = FilterWeights.gaussian(source.height(), sigma);
        this.original = new RowCache(source, down.maxTaps() + 1);
        this.blur = new SeparableFilter(original, FilterWeights.gaussian(source.width(), sigma), down);
        this.amount = (float) amount;
        this.threshold = (float) threshold;
        this.blurred = new float[4 * source.width()];
    }

    @Override
    public int width() {
        return original.width();
    }

    @Override
    public int height() {
        return original.height();
    }

    @Override
    public void row(int y, float[] out) {
        blur.row(y, blurred); // pulls rows up to y + reach through the cache, so row y is in it
        float[] sharp = original.cached(y);
        for (int i = 0; i < blurred.length; i++) {
            float difference = sharp[i] - blurred[i];
            out[i] = Math.abs(difference) < threshold ? sharp[i] : sharp[i] + amount * difference;
        }
    }

    /** The last few rows of a stage, so the blur and the mask can both read a row that was computed once. */
    private static final class RowCache implements PremultipliedRows {
        private final PremultipliedRows source;
        private final float[][] ring;
        private final int[] ringRow;

        RowCache(PremultipliedRows source, int capacity) {
            this.source = source;
            this.ring = new float[capacity][4 * source.width()];
            this.ringRow = new int[capacity];
            Arrays.fill(ringRow, -1);
        }

        @Override
        public int width() {
            return source.width();
        }

        @Override
        public int height() {
            return source.height();
        }

        @Override
        public void row(int y, float[] out) {
            System.arraycopy(cached(y), 0, out, 0, out.length);
        }

        /** Row {@code y}, owned by the cache: read it before asking for rows further down. */
        float[] cached(int y) {
            int slot = y % ring.length;
            if (ringRow[slot] != y) {
                source.row(y, ring[slot]);
                ringRow[slot] = y;
            }
            return ring[slot];
        }
    }
}
