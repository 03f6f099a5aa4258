package io.karafimages.provider.recraft.internal;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Recraft's input limits for the editing endpoints (each image under 10 MB, at most 16 MP, each side 256 to
 * 4096 px, crisp upscale from 32 px; vectorize states only 10 MB and 16 MP, so any side; prompts at most 1,000
 * bytes for V3) and the size an image is scaled to so it fits them. "10 MB" and "16 MP" are read the strict way
 * (10,000,000 bytes, 16,000,000 pixels): a request Recraft might reject costs a task a failure, while the stricter
 * reading costs at most a few pixels. Stateless.
 */
final class RecraftLimits {
    static final int MIN_SIDE = 256;
    /** Crisp upscale alone takes sides from 32 px (Recraft's upscale tool page). */
    static final int CRISP_MIN_SIDE = 32;
    static final int MAX_SIDE = 4096;
    static final long MAX_PIXELS = 16_000_000L;
    static final int MAX_BYTES = 10_000_000;
    static final int MAX_PROMPT_BYTES = 1000;
    /** The side limits of an endpoint that states none (vectorize): any size within the pixel limit. */
    static final int ANY_MIN_SIDE = 1;
    static final int ANY_MAX_SIDE = Integer.MAX_VALUE;

    private RecraftLimits() {
    }

    /**
     * The largest size with the source's aspect ratio that fits the side and pixel limits; the source's own size
     * when it fits already.
     *
     * @throws ImagesException {@code image_too_small} (400) when a side is, or would have to become, under 256 px
     */
    static int[] fit(int width, int height) {
        return fit(width, height, MIN_SIDE, MAX_SIDE);
    }

    /** Like {@link #fit(int, int)}, for an endpoint whose sides must be {@code minSide} to {@code maxSide} px. */
    static int[] fit(int width, int height, int minSide, int maxSide) {
        if (Math.min(width, height) < minSide) {
            throw tooSmall("The image is " + width + "x" + height + " px; Recraft needs at least " + minSide
                    + " px on each side.");
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        scale = Math.min(scale, Math.sqrt((double) MAX_PIXELS / ((double) width * height)));
        return scaled(width, height, scale, minSide, maxSide);
    }

    /**
     * Checks an image that must go to Recraft at its own size: an upscale of a copy shrunk to fit would spend the
     * call enlarging less detail than the caller has, so a source over the limits is refused, never shrunk.
     *
     * @param operation what Recraft is asked to do, for the message, e.g. {@code crisp upscale}
     * @throws ImagesException {@code image_too_small} (400) when a side is under {@code minSide};
     *         {@code image_too_large} (400) when a side is over 4096 px or the image over 16 MP
     */
    static void requireWithin(int width, int height, int minSide, String operation) {
        if (Math.min(width, height) < minSide) {
            throw tooSmall("The image is " + width + "x" + height + " px; Recraft's " + operation + " needs at least "
                    + minSide + " px on each side.");
        }
        if (Math.max(width, height) > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image is " + width + "x" + height
                    + " px; Recraft's " + operation + " takes at most " + MAX_SIDE + " px a side and "
                    + MAX_PIXELS / 1_000_000 + " MP. It is not shrunk to fit, as enlarging a smaller copy would lose "
                    + "the detail the upscale is for: crop it first.");
        }
    }

    /**
     * {@code width x height} scaled by {@code scale}, rounded down so it never exceeds a limit.
     *
     * @throws ImagesException {@code image_too_small} when the short side would drop under 256 px
     */
    static int[] scaled(int width, int height, double scale) {
        return scaled(width, height, scale, MIN_SIDE, MAX_SIDE);
    }

    /** Like {@link #scaled(int, int, double)}, for an endpoint taking sides of {@code minSide} to {@code maxSide}. */
    static int[] scaled(int width, int height, double scale, int minSide, int maxSide) {
        if (scale >= 1.0) {
            return new int[] {width, height};
        }
        // the epsilon keeps 5000 * (4096 / 5000.0) at 4096, not 4095.999...; the loop undoes any overshoot
        int w = Math.min(maxSide, (int) Math.floor(width * scale + 1e-6));
        int h = Math.min(maxSide, (int) Math.floor(height * scale + 1e-6));
        while ((long) w * h > MAX_PIXELS) {
            w = w > h ? w - 1 : w;
            h = w > h ? h : h - 1;
        }
        if (Math.min(w, h) < minSide) {
            throw tooSmall("The image is " + width + "x" + height + " px; scaled to fit Recraft's limits (at most "
                    + (maxSide < ANY_MAX_SIDE ? maxSide + " px a side and " : "") + MAX_PIXELS / 1_000_000
                    + " MP) its short side would be under " + minSide + " px. Crop it to a less extreme aspect "
                    + "ratio.");
        }
        return new int[] {w, h};
    }

    private static ImagesException tooSmall(String message) {
        return ImagesException.invalid(ErrorCodes.IMAGE_TOO_SMALL, message);
    }
}
