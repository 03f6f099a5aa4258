package io.karafimages.core.internal.pipeline;

import java.awt.image.BufferedImage;

/**
 * Scales an image to fit a box, keeping its aspect ratio and never enlarging it. Halves with a 2x2 box filter
 * while the image is at least twice the target (cheap, alias-free), then finishes with a Lanczos-3 filter:
 * the quality of a full Lanczos pass at a fraction of its cost. Single-step bicubic is avoided because it
 * aliases badly on downscales of more than 2x.
 */
final class PreviewScaler {
    private final int maxWidth;
    private final int maxHeight;

    PreviewScaler(int maxWidth, int maxHeight) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /** Target size for a source size: fits the box, aspect kept, at least 1x1. */
    int[] targetSize(int width, int height) {
        double scale = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        return new int[] { Math.min(w, maxWidth), Math.min(h, maxHeight) };
    }

    /** @param packed an image of TYPE_INT_RGB or TYPE_INT_ARGB */
    BufferedImage scale(BufferedImage packed) {
        int[] target = targetSize(packed.getWidth(), packed.getHeight());
        BufferedImage current = packed;
        while (current.getWidth() >= 2 * target[0] && current.getHeight() >= 2 * target[1]) {
            current = halve(current);
        }
        if (current.getWidth() == target[0] && current.getHeight() == target[1]) {
            return current;
        }
        return Lanczos3.resize(current, target[0], target[1]);
    }

    /** 2x2 box average of every channel (alpha-weighted colour when the image has alpha). */
    static BufferedImage halve(BufferedImage src) {
        int w = src.getWidth() / 2;
        int h = src.getHeight() / 2;
        boolean alpha = src.getType() == BufferedImage.TYPE_INT_ARGB;
        int[] row0 = new int[src.getWidth()];
        int[] row1 = new int[src.getWidth()];
        int[] out = new int[w];
        BufferedImage dst = new BufferedImage(w, h, src.getType());
        for (int y = 0; y < h; y++) {
            src.getRGB(0, 2 * y, src.getWidth(), 1, row0, 0, src.getWidth());
            src.getRGB(0, 2 * y + 1, src.getWidth(), 1, row1, 0, src.getWidth());
            for (int x = 0; x < w; x++) {
                out[x] = average(row0[2 * x], row0[2 * x + 1], row1[2 * x], row1[2 * x + 1], alpha);
            }
            dst.setRGB(0, y, w, 1, out, 0, w);
        }
        return dst;
    }

    private static int average(int p0, int p1, int p2, int p3, boolean alpha) {
        if (!alpha) {
            int r = ((p0 >> 16 & 255) + (p1 >> 16 & 255) + (p2 >> 16 & 255) + (p3 >> 16 & 255) + 2) >> 2;
            int g = ((p0 >> 8 & 255) + (p1 >> 8 & 255) + (p2 >> 8 & 255) + (p3 >> 8 & 255) + 2) >> 2;
            int b = ((p0 & 255) + (p1 & 255) + (p2 & 255) + (p3 & 255) + 2) >> 2;
            return 0xff000000 | r << 16 | g << 8 | b;
        }
        int a0 = p0 >>> 24, a1 = p1 >>> 24, a2 = p2 >>> 24, a3 = p3 >>> 24;
        int aSum = a0 + a1 + a2 + a3;
        if (aSum == 0) {
            return 0;
        }
        int r = ((p0 >> 16 & 255) * a0 + (p1 >> 16 & 255) * a1 + (p2 >> 16 & 255) * a2 + (p3 >> 16 & 255) * a3)
                / aSum;
        int g = ((p0 >> 8 & 255) * a0 + (p1 >> 8 & 255) * a1 + (p2 >> 8 & 255) * a2 + (p3 >> 8 & 255) * a3) / aSum;
        int b = ((p0 & 255) * a0 + (p1 & 255) * a1 + (p2 & 255) * a2 + (p3 & 255) * a3) / aSum;
        return ((aSum + 2) >> 2) << 24 | r << 16 | g << 8 | b;
    }
}
