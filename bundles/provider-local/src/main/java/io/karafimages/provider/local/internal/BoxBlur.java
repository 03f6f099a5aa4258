package io.karafimages.provider.local.internal;

/**
 * A separable box blur of one 0..255 channel with running sums. Integer arithmetic with rounding, so a uniform
 * area keeps its exact value (a subject's 0 stays 0, a background's 255 stays 255). Stateless.
 */
final class BoxBlur {
    private BoxBlur() {
    }

    static int[] blur(int[] values, int w, int h, int radius) {
        int[] tmp = new int[values.length];
        int[] out = new int[values.length];
        for (int y = 0; y < h; y++) {
            line(values, tmp, y * w, 1, w, radius);
        }
        for (int x = 0; x < w; x++) {
            line(tmp, out, x, w, h, radius);
        }
        return out;
    }

    /** Blurs {@code length} values starting at {@code start}, {@code step} apart; the window shrinks at the ends. */
    private static void line(int[] in, int[] out, int start, int step, int length, int radius) {
        long sum = 0;
        int count = 0;
        for (int i = 0; i < Math.min(radius, length); i++) {
            sum += in[start + i * step];
            count++;
        }
        for (int i = 0; i < length; i++) {
            int add = i + radius;
            if (add < length) {
                sum += in[start + add * step];
                count++;
            }
            int drop = i - radius - 1;
            if (drop >= 0) {
                sum -= in[start + drop * step];
                count--;
            }
            out[start + i * step] = (int) ((sum + count / 2) / count);
        }
    }
}
