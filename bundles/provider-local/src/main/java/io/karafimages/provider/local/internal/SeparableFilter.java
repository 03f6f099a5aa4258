package io.karafimages.provider.local.internal;

import java.util.Arrays;

/**
 * A separable filter as a stage of premultiplied rows: each source row is filtered across once, into a small ring
 * of the rows the current output row needs, and output rows are the weighted sums of those rows down. The ring holds
 * {@link FilterWeights#maxTaps()} rows; because windows only slide forward, no source row is filtered twice when
 * rows are asked for in rising order (any order still gives the right pixels, only slower). Not thread-safe.
 */
final class SeparableFilter implements PremultipliedRows {
    private final PremultipliedRows source;
    private final FilterWeights across;
    private final FilterWeights down;
    private final float[][] ring;
    private final int[] ringRow;
    private final float[] sourceRow;

    /**
     * @param across weights from {@code source.width()} to this stage's width
     * @param down weights from {@code source.height()} to this stage's height
     */
    SeparableFilter(PremultipliedRows source, FilterWeights across, FilterWeights down) {
        this.source = source;
        this.across = across;
        this.down = down;
        this.ring = new float[down.maxTaps()][4 * across.outputs()];
        this.ringRow = new int[ring.length];
        Arrays.fill(ringRow, -1);
        this.sourceRow = new float[4 * source.width()];
    }

    @Override
    public int width() {
        return across.outputs();
    }

    @Override
    public int height() {
        return down.outputs();
    }

    @Override
    public void row(int y, float[] out) {
        int first = down.first(y);
        int taps = down.count(y);
        int length = 4 * width();
        float[] line = filteredAcross(first);
        float w0 = down.weight(y, 0);
        for (int i = 0; i < length; i++) {
            out[i] = w0 * line[i];
        }
        for (int k = 1; k < taps; k++) {
            line = filteredAcross(first + k);
            float w = down.weight(y, k);
            for (int i = 0; i < length; i++) {
                out[i] += w * line[i];
            }
        }
    }

    /** Source row {@code sy} filtered across, from the ring or computed into it. */
    private float[] filteredAcross(int sy) {
        int slot = sy % ring.length;
        if (ringRow[slot] != sy) {
            source.row(sy, sourceRow);
            filterAcross(sourceRow, ring[slot]);
            ringRow[slot] = sy;
        }
        return ring[slot];
    }

    private void filterAcross(float[] in, float[] out) {
        for (int x = 0; x < across.outputs(); x++) {
            int base = 4 * across.first(x);
            float r = 0;
            float g = 0;
            float b = 0;
            float a = 0;
            for (int k = 0, taps = across.count(x); k < taps; k++) {
                float w = across.weight(x, k);
                int i = base + 4 * k;
                r += w * in[i];
                g += w * in[i + 1];
                b += w * in[i + 2];
                a += w * in[i + 3];
            }
            out[4 * x] = r;
            out[4 * x + 1] = g;
            out[4 * x + 2] = b;
            out[4 * x + 3] = a;
        }
    }
}
