package io.karafimages.spi.skill;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.ProviderCatalog;

/**
 * What a running skill may use. Created by the task engine for one attempt of one task and used only by the
 * worker thread that runs the skill.
 */
@ProviderType
public interface SkillContext {
    String taskId();

    /** The placeholder embed the result will fill. */
    String embedId();

    /** The user who started the task. */
    String userId();

    /** Which attempt this is, starting at 1. */
    int attempt();

    /** Reports progress from 0.0 to 1.0 with a short message; cheap, call as often as useful. */
    void progress(double fraction, String message);

    /** True once the owner cancelled; a skill should stop at the next safe point. */
    boolean isCancelled();

    /** Throws {@link TaskCancelledException} when {@link #isCancelled()}. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }

    /**
     * The largest image, in pixels, the runtime accepts ({@code images.pipeline} {@code max.pixels}): a skill that
     * makes images larger than its input (an upscale) refuses before calling a provider when the result would not
     * fit.
     */
    long maxPixels();

    /** The installed image providers, each limited to its configured parallelism. */
    ProviderCatalog providers();

    /**
     * One of the caller's own images, decrypted. Ownership and readiness were checked when the task was
     * submitted and are checked again here; the pixel limit is checked from the header before any decode.
     *
     * @throws io.karafimages.api.ImagesException 404 {@code not_found} (absent or another user's),
     *         409 {@code embed_not_ready}, 400 {@code image_too_large}
     */
    InputImage image(ImageRef ref);

    /**
     * A mask rasterised for {@code image}: shapes are drawn at the image's size, an uploaded mask is scaled to it.
     *
     * @throws io.karafimages.api.ImagesException 400 {@code mask_size_mismatch} (an uploaded mask of another
     *         aspect ratio), 400 {@code mask_empty}
     */
    Mask mask(MaskRef ref, InputImage image);
}
