package io.karafimages.testkit.internal;

/**
 * A feathered edge for masks: three passes of a separable box blur, which approximate a Gaussian closely enough
 * for a test double. Stateless.
 */
final class BoxBlur {
    private static final int PASSES = 3;

    private BoxBlur() {
    }

    /** @param feather the soft edge in pixels; the blur radius of each pass is a third of it (at least 1) */
    static byte[] apply(byte[] gray, int width, int height, double feather) {
        int radius = Math.max(1, (int) Math.round(feather / PASSES));
        int[] a = new int[gray.length];
        for (int i = 0; i < gray.length; i++) {
            a[i] = gray[i] & 0xff;
        }
        int[] b = new int[a.length];
        for (int pass = 0; pass < PASSES; pass++) {
            blur(a, b, width, height, radius, 1, width);
            blur(b, a, height, width, radius, width, 1);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) a[i];
        }
        return out;
    }

    /**
     * Blurs every line of {@code in} into {@code out}: {@code lines} lines of {@code length} values, consecutive
     * values {@code step} apart and consecutive lines {@code lineStep} apart. Edges repeat the border value.
     */
    private static void blur(int[] in, int[] out, int length, int lines, int radius, int step, int lineStep) {
        int window = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            int base = line * lineStep;
            int sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[base + clamp(k, length) * step];
            }
            for (int i = 0; i < length; i++) {
                out[base + i * step] = (sum + window / 2) / window;
                sum += in[base + clamp(i + radius + 1, length) * step] - in[base + clamp(i - radius, length) * step];
            }
        }
    }

    private static int clamp(int i, int length) {
        return i < 0 ? 0 : i >= length ? length - 1 : i;
    }
}
