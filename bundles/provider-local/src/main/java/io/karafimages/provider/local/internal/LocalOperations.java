package io.karafimages.provider.local.internal;

import java.util.Optional;

/**
 * The pixel work of each local edit, composed from the classical parts: {@link TeleaInpainter},
 * {@link BackgroundSegmenter}, {@link ProceduralFill}. Every blend goes through {@link Colours#mix}, which returns
 * the source pixel exactly at weight 0, so what a mask or matte keeps is kept byte for byte. Thread-safe.
 */
final class LocalOperations {
    /** Mask values from here up are erased; below it pixels are never touched by an erase. */
    static final int ERASE_THRESHOLD = 128;
    private static final int TELEA_RADIUS = 5;
    /** How much of the original light the prompt's texture keeps, so an inpainted patch is not a flat sticker. */
    private static final double TEXTURE_OPACITY = 0.85;
    /** The strongest colour grade of image-to-image, reached at strength 0.5. */
    private static final double MAX_GRADE = 0.35;

    private final TeleaInpainter telea = new TeleaInpainter(TELEA_RADIUS);
    private final BackgroundSegmenter segmenter = new BackgroundSegmenter();

    /**
     * Erases where mask >= 128 by Telea inpainting; on a feathered edge (128..254) the fill is blended in by how
     * far the value is above 128, so the edge stays soft. Pixels with mask < 128 are copied unchanged.
     */
    Picture erase(Picture source, int[] mask, EditProgress progress) {
        boolean[] region = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            region[i] = mask[i] >= ERASE_THRESHOLD;
        }
        int[] filled = telea.inpaint(source, region, progress);
        int[] out = source.argb().clone();
        for (int i = 0; i < out.length; i++) {
            if (region[i]) {
                double t = (mask[i] - ERASE_THRESHOLD) / (255.0 - ERASE_THRESHOLD);
                out[i] = Colours.mix(out[i], filled[i], t);
            }
        }
        return source.with(out);
    }

    /**
     * Erases the region, then lays the prompt's procedural texture over it, shaded by the erased result's light
     * and weighted by the mask's grey value. Pixels with mask 0 stay as they were.
     */
    Picture inpaint(Picture source, int[] mask, String prompt, long seed, EditProgress progress) {
        Picture erased = erase(source, mask, progress.slice(0, 0.6));
        int[] texture = ProceduralFill.scene(Palette.fromPrompt(prompt), seed, source.width(), source.height(),
                progress.slice(0.6, 0.95));
        int[] out = erased.argb().clone();
        for (int i = 0; i < out.length; i++) {
            if (mask[i] > 0) {
                int base = out[i];
                int shaded = scale(texture[i], 0.5 + Colours.luma(base) / 255 * 0.5, Colours.alpha(base));
                out[i] = Colours.mix(base, shaded, TEXTURE_OPACITY * mask[i] / 255);
            }
        }
        progress.report(1, "inpainted");
        return source.with(out);
    }

    /** Keeps the segmented subject and paints the prompt's procedural scene behind it. */
    Picture replaceBackground(Picture source, String prompt, long seed, EditProgress progress) {
        int[] matte = segmenter.backgroundMatte(source, progress.slice(0, 0.5));
        int[] fill = ProceduralFill.scene(Palette.fromPrompt(prompt), seed, source.width(), source.height(),
                progress.slice(0.5, 1));
        return source.with(composite(source.argb(), fill, matte));
    }

    /**
     * A quiet studio backdrop in the subject's own hues where the mask says background (255), the subject where it
     * says 0. With no mask the background is found by segmentation, as for a replacement.
     */
    Picture generateBackground(Picture source, Optional<int[]> mask, long seed, EditProgress progress) {
        int[] matte = mask.isPresent() ? mask.get() : segmenter.backgroundMatte(source, progress.slice(0, 0.5));
        Palette palette = Palette.neutralFor(subjectMean(source.argb(), matte));
        int[] fill = ProceduralFill.studio(palette, seed, source.width(), source.height(), progress.slice(0.5, 1));
        return source.with(composite(source.argb(), fill, matte));
    }

    /**
     * Blends the source into the prompt's procedural picture by {@code strength}: 0 gives the source's pixels, 1
     * the picture. In between, the source is graded toward the palette's mean colour and the picture is shaded by
     * the source's light, so the source's shapes show through.
     */
    Picture imageToImage(Picture source, String prompt, double strength, long seed, EditProgress progress) {
        Palette palette = Palette.fromPrompt(prompt);
        int[] picture = ProceduralFill.scene(palette, seed, source.width(), source.height(), progress.slice(0, 0.8));
        int tint = palette.mean();
        double tintLuma = Math.max(1, Colours.luma(tint));
        double grade = MAX_GRADE * Math.min(1, 2 * strength);
        int[] out = new int[source.size()];
        for (int i = 0; i < out.length; i++) {
            int src = source.argb()[i];
            int graded = Colours.mix(src, scale(tint, Colours.luma(src) / tintLuma, Colours.alpha(src)), grade);
            int shaded = scale(picture[i], 0.5 + Colours.luma(src) / 255, 255);
            out[i] = Colours.mix(graded, Colours.mix(shaded, picture[i], strength), strength);
        }
        progress.report(1, "blended");
        return source.with(out);
    }

    private static int[] composite(int[] source, int[] fill, int[] matte) {
        int[] out = new int[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Colours.mix(source[i], fill[i], matte[i] / 255.0);
        }
        return out;
    }

    /** The mean colour of the opaque pixels the matte keeps (weighted by how much), or of all when it keeps none. */
    private static int subjectMean(int[] pixels, int[] matte) {
        return weightedMean(pixels, matte, false).or(() -> weightedMean(pixels, matte, true))
                .orElse(Colours.rgb(128, 128, 128));
    }

    private static Optional<Integer> weightedMean(int[] pixels, int[] matte, boolean everywhere) {
        long r = 0;
        long g = 0;
        long b = 0;
        long weight = 0;
        for (int i = 0; i < pixels.length; i++) {
            long k = (everywhere ? 255L : 255L - matte[i]) * Colours.alpha(pixels[i]);
            r += k * Colours.red(pixels[i]);
            g += k * Colours.green(pixels[i]);
            b += k * Colours.blue(pixels[i]);
            weight += k;
        }
        return weight == 0 ? Optional.empty()
                : Optional.of(Colours.rgb((int) (r / weight), (int) (g / weight), (int) (b / weight)));
    }

    private static int scale(int colour, double factor, int alpha) {
        return Colours.argb(alpha, (int) Math.round(Colours.red(colour) * factor),
                (int) Math.round(Colours.green(colour) * factor), (int) Math.round(Colours.blue(colour) * factor));
    }
}
