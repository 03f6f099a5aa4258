package io.karafimages.core.internal.masks;

/**
 * Softens a mask's edge: a separable box blur applied three times (close to a Gaussian of the same radius),
 * in place. Linear in the pixel count whatever the radius.
 */
final class Feather {
    private Feather() {
    }

    static void apply(byte[] gray, int width, int height, double radius) {
        int r = (int) Math.max(1, Math.round(radius / 2));
        int[] a = new int[gray.length];
        for (int i = 0; i < gray.length; i++) {
            a[i] = gray[i] & 0xff;
        }
        int[] b = new int[gray.length];
        for (int pass = 0; pass < 3; pass++) {
            blur(a, b, width, height, r, 1, width);
            blur(b, a, height, width, r, width, 1);
        }
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) Math.max(0, Math.min(255, a[i]));
        }
    }

    /**
     * One box-blur pass along lines: {@code length} samples per line, {@code step} apart; lines {@code stride}
     * apart.
     */
    private static void blur(int[] in, int[] out, int length, int lines, int r, int step, int stride) {
        int window = 2 * r + 1;
        for (int line = 0; line < lines; line++) {
            int base = line * stride;
            int sum = 0;
            for (int i = -r; i <= r; i++) {
                sum += in[base + clamp(i, length) * step];
            }
            for (int i = 0; i < length; i++) {
                out[base + i * step] = (sum + window / 2) / window;
                sum += in[base + clamp(i + r + 1, length) * step] - in[base + clamp(i - r, length) * step];
            }
        }
    }

    private static int clamp(int i, int length) {
        return i < 0 ? 0 : i >= length ? length - 1 : i;
    }
}
