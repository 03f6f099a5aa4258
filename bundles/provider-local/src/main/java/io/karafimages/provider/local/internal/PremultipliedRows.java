package io.karafimages.provider.local.internal;

/**
 * A picture handed out one row at a time as premultiplied RGBA floats: r, g, b, a interleaved, 0..255, each colour
 * already multiplied by a / 255. Filters work on premultiplied values because there a transparent pixel weighs
 * nothing: averaging it in cannot pull its hidden colour (usually black) into the visible edge.
 *
 * <p>The stages of a filter chain are themselves {@code PremultipliedRows} that pull what they need from the stage
 * before, so a 4x upscale holds a few rows of floats besides its final packed pixels, never a float copy of the
 * whole picture. Callers ask for rows in rising order (a filter's windows only slide forward); stages may rely on
 * it for their caches. Not thread-safe.
 */
interface PremultipliedRows {
    int width();

    int height();

    /** Writes row {@code y} into {@code out}, which holds {@code 4 * width()} floats. */
    void row(int y, float[] out);

    /** The rows of a decoded picture. */
    static PremultipliedRows of(Picture picture) {
        return new PremultipliedRows() {
            @Override
            public int width() {
                return picture.width();
            }

            @Override
            public int height() {
                return picture.height();
            }

            @Override
            public void row(int y, float[] out) {
                int[] argb = picture.argb();
                int offset = y * picture.width();
                for (int x = 0; x < picture.width(); x++) {
                    int p = argb[offset + x];
                    float a = Colours.alpha(p);
                    float k = a / 255f; // exactly 1 for opaque pixels, so their values pass through unchanged
                    out[4 * x] = Colours.red(p) * k;
                    out[4 * x + 1] = Colours.green(p) * k;
                    out[4 * x + 2] = Colours.blue(p) * k;
                    out[4 * x + 3] = a;
                }
            }
        };
    }

    /**
     * Pulls every row and packs it as straight ARGB: alpha rounded and clamped to 0..255, colour divided by the
     * (unclamped) alpha, rounded and clamped, so a filter's overshoot never wraps around. A pixel whose alpha
     * rounds to 0 becomes 0 (transparent black). Reports progress about every 1/64 of the rows, which is also where
     * a cancellation is noticed.
     */
    static Picture toPicture(PremultipliedRows rows, boolean alpha, String message, EditProgress progress) {
        int w = rows.width();
        int h = rows.height();
        int[] out = new int[w * h];
        float[] row = new float[4 * w];
        int every = Math.max(1, h / 64);
        for (int y = 0; y < h; y++) {
            rows.row(y, row);
            int offset = y * w;
            for (int x = 0; x < w; x++) {
                float a = row[4 * x + 3];
                int a8 = Math.round(a);
                if (a8 <= 0) {
                    continue; // the array starts as transparent black
                }
                float k = 255f / a;
                out[offset + x] = Colours.argb(a8, Math.round(row[4 * x] * k), Math.round(row[4 * x + 1] * k),
                        Math.round(row[4 * x + 2] * k));
            }
            if (y % every == every - 1) {
                progress.report((double) (y + 1) / h, message);
            }
        }
        return new Picture(w, h, out, alpha);
    }
}
