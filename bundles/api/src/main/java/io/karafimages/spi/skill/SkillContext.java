package io.karafimages.spi.skill;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provider.ProviderCatalog;

/**
 * What a running skill may use. Created by the task engine for one attempt of one task; not shared
 * between threads other than the worker that runs the skill.
 */
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

    /** Throws the engine's cancellation exception when {@link #isCancelled()}. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new ImagesException("cancelled", 409, false, "The task was cancelled.");
        }
    }

    /** The installed image providers, each limited to its configured parallelism. */
    ProviderCatalog providers();

    /** The rendition pipeline's probing and decoding helpers. */
    ImagePipeline pipeline();

    /**
     * Reads one of the caller's own embeds (for reference images and edits), decrypted.
     *
     * @throws ImagesException 400 {@code invalid_reference} when the embed is not the caller's or not finished
     */
    byte[] readOwnImage(String embedId, RenditionFormat format);
}
