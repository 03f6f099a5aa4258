package io.karafimages.provider.local.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the subject out: the background that {@link BackgroundSegmenter} finds by border-seeded colour segmentation
 * becomes transparent, the subject keeps its pixels. The hard segmentation gets a soft edge of about 1.5 px (three
 * passes of a radius-1 box blur, close to a Gaussian of standard deviation 1.4 px), narrow enough that little of the
 * backdrop's colour shows around the subject. A picture that already has transparency keeps its own alpha as the
 * matte, untouched. A picture with no separable backdrop keeps the segmenter's soft centred ellipse: a vignette
 * cutout rather than a refusal, noted in the log. Classical image processing, no model. Thread-safe.
 */
final class BackgroundRemover {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRemover.class);
    private static final int EDGE_BLUR_PASSES = 3;

    private final BackgroundSegmenter segmenter;

    BackgroundRemover(BackgroundSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    /** The picture with an alpha channel: 255 on the subject, 0 on the background, soft in between. */
    Picture cutOut(Picture source, EditProgress progress) {
        if (hasTransparency(source)) {
            progress.report(1, "kept the existing transparency");
            return source; // its alpha is a better matte than any segmentation of the pixels under it
        }
        int w = source.width();
        int h = source.height();
        BackgroundSegmenter.Segmentation segmentation = segmenter.segment(source, progress.slice(0, 0.8));
        int[] matte = segmentation.matte();
        if (segmentation.fallback()) {
            LOG.debug("No backdrop separable by colour in a {}x{} picture: the cutout is a soft centred ellipse",
                    w, h);
        } else {
            for (int pass = 0; pass < EDGE_BLUR_PASSES; pass++) {
                matte = BoxBlur.blur(matte, w, h, 1);
                progress.checkCancelled();
            }
        }
        int[] pixels = source.argb();
        int[] out = new int[pixels.length];
        for (int i = 0; i < out.length; i++) {
            int alpha = 255 - matte[i];
            // fully transparent pixels become transparent black: their colour is invisible and compresses better
            out[i] = alpha == 0 ? 0 : alpha << 24 | pixels[i] & 0xffffff;
        }
        progress.report(1, segmentation.fallback() ? "cut out a centred ellipse: no backdrop found" : "cut out");
        return new Picture(w, h, out, true);
    }

    private static boolean hasTransparency(Picture picture) {
        if (!picture.alpha()) {
            return false;
        }
        for (int p : picture.argb()) {
            if (Colours.alpha(p) < 255) {
                return true;
            }
        }
        return false;
    }
}
