package io.karafimages.provider.onnx.internal;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.TaskCancelledException;
import io.karafimages.provider.onnx.internal.SourceImages.Pixels;
import io.karafimages.spi.provider.ImageProvider.ProgressListener;

/**
 * Background removal with a saliency model, the way U²-Net was meant to be used (and rembg uses it): the picture
 * shrunk to the model's square input, each channel scaled to 0..1 and standardised, the first output min-max
 * normalised to 0..1, enlarged bilinearly back to the picture's size and used as its alpha. The map is used soft,
 * not thresholded: hair and blurred edges keep partial alpha. Thread-safe: every call keeps its buffers on its
 * stack.
 */
final class SaliencyCutout {
    private static final Logger LOG = LoggerFactory.getLogger(SaliencyCutout.class);
    /** Below this spread a map is flat: min-max would divide noise by almost zero. */
    private static final float FLAT = 1e-6f;

    private final SaliencyModel model;
    private final float[] mean;
    private final float[] std;

    SaliencyCutout(SaliencyModel model, float[] mean, float[] std) {
        this.model = model;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * The picture with the model's matte as alpha (multiplied into any alpha it had); fully transparent pixels
     * become transparent black, whose colour nobody sees and which compresses better.
     */
    Pixels cutOut(Pixels source, ProgressListener progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        float[] input = modelInput(source);
        checkCancelled(cancelled);
        progress.progress(0.2, "prepared the model input");
        long ran = System.nanoTime();
        SaliencyModel.Map2d map = model.run(input);
        long done = System.nanoTime();
        checkCancelled(cancelled);
        progress.progress(0.8, "ran the model");
        float[] matte = Resampler.resize(normalised(map.values()), map.width(), map.height(), source.width(),
                source.height());
        Pixels out = withAlpha(source, matte);
        LOG.debug("Cut out {}x{}: input {} ms, model {} ms, matte {} ms", source.width(), source.height(),
                (ran - start) / 1_000_000, (done - ran) / 1_000_000, (System.nanoTime() - done) / 1_000_000);
        return out;
    }

    /** The picture at the model's size, standardised, as one {@code 1x3xSxS} tensor in NCHW order. */
    float[] modelInput(Pixels source) {
        int size = model.size();
        int[] argb = source.argb();
        float[] nchw = new float[3 * size * size];
        float[] channel = new float[argb.length];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c; // red, green, blue
            for (int i = 0; i < argb.length; i++) {
                channel[i] = (argb[i] >> shift & 0xff) / 255f;
            }
            float[] small = Resampler.resize(channel, source.width(), source.height(), size, size);
            int offset = c * size * size;
            for (int i = 0; i < small.length; i++) {
                nchw[offset + i] = (small[i] - mean[c]) / std[c];
            }
        }
        return nchw;
    }

    /**
     * The map stretched to 0..1 by its own minimum and maximum, as U²-Net's authors post-process it. A flat map (the
     * model saw nothing stand out) is only clamped, so a model that answers probabilities still says "all
     * subject" or "all background" instead of noise. NaN (a broken model) counts as background.
     */
    static float[] normalised(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean flat = !(max - min > FLAT);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            float v = values[i];
            out[i] = Float.isNaN(v) ? 0 : flat ? Math.max(0, Math.min(1, v)) : (v - min) / (max - min);
        }
        return out;
    }

    static Pixels withAlpha(Pixels source, float[] matte) {
        int[] pixels = source.argb();
        int[] out = new int[pixels.length];
        for (int i = 0; i < out.length; i++) {
            float m = Math.max(0, Math.min(1, matte[i]));
            int alpha = Math.round(m * (pixels[i] >>> 24));
            out[i] = alpha == 0 ? 0 : alpha << 24 | pixels[i] & 0xffffff;
        }
        return new Pixels(out, source.width(), source.height());
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
    }
}
