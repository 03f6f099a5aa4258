package io.karafimages.core.internal.tasks;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.embeds.DefaultEmbedService;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImagePipeline;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.store.TaskRecord;

/** The context of one attempt. Skill progress maps to 0-80 % of the task; rendering and storing take the rest. */
final class DefaultSkillContext implements SkillContext {
    private static final double SKILL_SHARE = 0.8;

    private final TaskRecord task;
    private final RunningTask handle;
    private final ProgressWriter progress;
    private final ProviderCatalog providers;
    private final ImagePipeline pipeline;
    private final DefaultEmbedService embeds;

    DefaultSkillContext(TaskRecord task, RunningTask handle, ProgressWriter progress, ProviderCatalog providers,
            ImagePipeline pipeline, DefaultEmbedService embeds) {
        this.task = task;
        this.handle = handle;
        this.progress = progress;
        this.providers = providers;
        this.pipeline = pipeline;
        this.embeds = embeds;
    }

    @Override
    public String taskId() {
        return task.id();
    }

    @Override
    public String embedId() {
        return task.embedId();
    }

    @Override
    public String userId() {
        return task.ownerId();
    }

    @Override
    public int attempt() {
        return task.attempts();
    }

    @Override
    public void progress(double fraction, String message) {
        progress.write(SKILL_SHARE * fraction, message);
    }

    @Override
    public boolean isCancelled() {
        return handle.isCancelled() || Thread.currentThread().isInterrupted();
    }

    @Override
    public ProviderCatalog providers() {
        return providers;
    }

    @Override
    public ImagePipeline pipeline() {
        return pipeline;
    }

    @Override
    public byte[] readOwnImage(String embedId, RenditionFormat format) {
        try {
            return embeds.readAll(task.ownerId(), embedId, format);
        } catch (ImagesException e) {
            if (e.httpStatus() == 404 || e.httpStatus() == 409) {
                throw ImagesException.invalid("invalid_reference",
                        "The image " + embedId + " is not one of your finished images.");
            }
            throw e;
        }
    }
}
