package io.karafimages.provider.local.internal;

/**
 * Decoded pixels: packed 0xAARRGGBB, row-major, {@code width * height} long. {@code alpha} says whether the source
 * had an alpha channel, so the output keeps one only when the input did. The array is shared, not copied: every
 * edit builds a new one instead of writing into its input.
 */
record Picture(int width, int height, int[] argb, boolean alpha) {
    Picture {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
        }
    }

    int size() {
        return argb.length;
    }

    /** The same size and alpha flag with other pixels. */
    Picture with(int[] pixels) {
        return new Picture(width, height, pixels, alpha);
    }
}
