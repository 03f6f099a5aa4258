package io.karafimages.core.internal.tasks;

import io.karafimages.core.internal.inputs.SkillInputs;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.core.internal.store.TaskRecord;

/** The context of one attempt. Skill progress maps to 0-80 % of the task; rendering and storing take the rest. */
final class DefaultSkillContext implements SkillContext {
    private static final double SKILL_SHARE = 0.8;

    private final TaskRecord task;
    private final RunningTask handle;
    private final ProgressWriter progress;
    private final ProviderCatalog providers;
    private final SkillInputs inputs;

    DefaultSkillContext(TaskRecord task, RunningTask handle, ProgressWriter progress, ProviderCatalog providers,
            SkillInputs inputs) {
        this.task = task;
        this.handle = handle;
        this.progress = progress;
        this.providers = providers;
        this.inputs = inputs;
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
    public long maxPixels() {
        return inputs.maxPixels();
    }

    @Override
    public ProviderCatalog providers() {
        return providers;
    }

    @Override
    public InputImage image(ImageRef ref) {
        return inputs.image(task.ownerId(), ref);
    }

    @Override
    public Mask mask(MaskRef ref, InputImage image) {
        return inputs.mask(task.ownerId(), ref, image);
    }
}
