package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.embeds.DefaultEmbedService;
import io.karafimages.core.internal.embeds.EmbedContent;
import io.karafimages.core.internal.embeds.EmbedFacts;
import io.karafimages.core.internal.embeds.EmbedFiles;
import io.karafimages.core.internal.embeds.EmbedRoutes;
import io.karafimages.core.internal.embeds.EmbedRead;
import io.karafimages.core.internal.input.InputBinder;
import io.karafimages.core.internal.inputs.SkillInputs;
import io.karafimages.core.internal.json.Json;
import io.karafimages.core.internal.pipeline.Rendered;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.registry.SkillRegistry;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.EmbedRepository;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.UsageRecord;

/**
 * Runs one attempt of one claimed task: decrypts its input, runs the skill, renders, encrypts and stores the
 * files, then completes task and embed in one transaction. Every way out ends in a recorded state (completed,
 * requeued with backoff, failed, cancelled) except when this node abandons the task, which lease recovery
 * then handles.
 */
@Component(service = TaskAttempt.class)
public final class TaskAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(TaskAttempt.class);

    private final TaskRepository taskRepository;
    private final EmbedRepository embedRepository;
    private final SkillRegistry skills;
    private final ProviderRegistry providers;
    private final RenditionPipeline pipeline;
    private final EmbedFiles files;
    private final DefaultEmbedService embeds;
    private final SkillInputs inputs;
    private final Backends backends;
    private final TaskEventPublisher events;
    private final TypicalDurations typicalDurations;

    @Activate
    public TaskAttempt(@Reference TaskRepository taskRepository, @Reference EmbedRepository embedRepository,
            @Reference SkillRegistry skills, @Reference ProviderRegistry providers,
            @Reference RenditionPipeline pipeline, @Reference EmbedFiles files, @Reference DefaultEmbedService embeds,
            @Reference SkillInputs inputs, @Reference Backends backends, @Reference TaskEventPublisher events) {
        this.taskRepository = taskRepository;
        this.embedRepository = embedRepository;
        this.skills = skills;
        this.providers = providers;
        this.pipeline = pipeline;
        this.files = files;
        this.embeds = embeds;
        this.inputs = inputs;
        this.backends = backends;
        this.events = events;
        this.typicalDurations = new TypicalDurations(skill -> Estimator.typical(taskRepository.recentDurations(skill,
                20)));
    }

    TaskEventPublisher events() {
        return events;
    }

    /**
     * Runs the attempt that {@code task} (the record as claimed) stands for. Never throws: whatever escapes the skill,
     * {@code Error}s included, ends in a recorded state or is logged and left to lease recovery, so the worker
     * thread survives.
     */
    void execute(TaskRecord task, RunningTask handle, TaskEngine.Settings settings) {
        byte[] key = null;
        EmbedFiles.Stored stored = null;
        UsageRecord charge = null;
        try {
            EmbedRecord embed = embedRepository.findEmbed(task.embedId()).orElseThrow(() -> new IllegalStateException(
                    "The embed " + task.embedId() + " of task " + task.id() + " is missing."));
            Skill<?> skill = skills.skill(task.skill()).orElseThrow(() -> new ImagesException(
                    ErrorCodes.SKILL_UNAVAILABLE, 503, true, "The skill '" + task.skill()
                            + "' is not installed right now."));
            key = backends.keys(embed.keyBackend()).unwrap(task.ownerId(), embed.wrappedKey());
            sweepEarlierAttempts(task, embed, key);
            byte[] input = EnvelopeCrypto.open(key, task.input(), EnvelopeCrypto.aad(task.id(), "input"));
            ProgressWriter progress = new ProgressWriter(taskRepository, events, task, typical(task.skill()));
            DefaultSkillContext context = new DefaultSkillContext(task, handle, progress, providers, inputs);
            if (EmbedRecord.IMAGE.equals(embed.type())) {
                pipeline.checkReady(); // before the provider is paid: an image that cannot be signed now waits
            }
            SkillResult result = run(skill, input, context);
            // The provider has answered and been paid: from here on the task is charged whatever happens, and a
            // cancel is ignored (security review L6: else cancelling at 0.85 would make paid images free)
            charge = usage(task, result, taskRepository.now());
            if (!result.type().equals(embed.type())) {
                throw new IllegalStateException("The skill '" + task.skill() + "' returned a " + result.type()
                        + " result for a " + embed.type() + " embed.");
            }
            Map<String, Object> document;
            if (SkillResult.IMAGE.equals(result.type())) {
                progress.write(0.85, "rendering");
                ProvenanceInfo info = provenance(task, result);
                Rendered rendered = pipeline.render(result.image(), result.mediaType(), info);
                progress.write(0.95, "encrypting and storing");
                stored = files.store(embed.id(), key, task.attempts(), rendered.renditions());
                document = EmbedContent.ofResult(task.skill(), result, stored, embed.keyBackend(),
                        info.digitalSourceType().orElse(null), rendered.fingerprint(), rendered.provenance());
            } else {
                stored = EmbedFiles.Stored.NONE;
                document = EmbedContent.ofData(task.skill(), result, embed.keyBackend());
            }
            byte[] content = EnvelopeCrypto.seal(key, Json.write(document), EnvelopeCrypto.aad(embed.id(), "content"));
            EmbedFiles.Stored completing = stored;
            stored = null; // from here on complete() owns the files: it removes them itself if it cannot finish
            Instant now = taskRepository.now();
            // the next estimate counts this task's duration: dropped before the completion is visible (a client
            // that sees it and submits again must not get the older figure) and after (a figure read meanwhile)
            typicalDurations.forget(task.skill());
            if (complete(task, embed, completing, content, charge, now)) {
                typicalDurations.forget(task.skill());
                // a node that lost this task to us may still have been writing when we started: sweep once more
                sweepEarlierAttempts(task, embed, key);
            }
        } catch (RuntimeException | Error e) {
            if (stored != null) {
                files.delete(stored.backend(), objectKeys(stored));
            }
            recordFailure(task, handle, settings, e, charge);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** Binds the stored input to the skill's own type again: run() sees exactly what normalize() returned. */
    private static <I> SkillResult run(Skill<I> skill, byte[] input, DefaultSkillContext context) {
        return skill.run(InputBinder.bind(input, skill.inputType()), context);
    }

    /**
     * What the renditions are labelled with. A generation is AI-made. An edit opens its source's original as the
     * parent; a generative edit of an AI-made source is AI-made again, of anything else (an upload, a composite) a
     * composite; a classical edit keeps its source's type (none for an upload: no AI labels).
     */
    private ProvenanceInfo provenance(TaskRecord task, SkillResult result) {
        ProvenanceInfo.Builder info = ProvenanceInfo.builder(task.skill()).model(result.model())
                .aiSystem(providers.forModel(result.model()).map(c -> c.model().displayName()).orElse(null))
                .prompt(result.prompt().orElse(null)).generatedAt(result.generatedAt());
        if (result.source().isEmpty()) {
            return info.digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).build();
        }
        String sourceId = result.source().get().embedId();
        EmbedRead parent = embeds.read(task.ownerId(), sourceId, RenditionFormat.ORIGINAL);
        EmbedFacts source = parent.facts();
        SkillResult.Edit edit = result.edit().orElseThrow();
        String type = !edit.generative() ? source.digitalSourceType()
                : ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA.equals(source.digitalSourceType())
                        ? ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA
                        : ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA;
        return info.digitalSourceType(type).openedFrom(ProvenanceInfo.Parent.of(parent.bytes(), sourceId + ".png",
                sourceId),
                edit.action(), edit.description().orElse(task.skill())).build();
    }

    /** The charge of a task whose skill has returned, dated by the database clock; null when it cost nothing. */
    private static UsageRecord usage(TaskRecord task, SkillResult result, Instant now) {
        var cost = result.cost();
        return cost.credits() <= 0 && cost.usd() <= 0 ? null
                : new UsageRecord(task.id(), task.ownerId(), task.skill(), result.model(), cost, now);
    }

    /**
     * Deletes what earlier attempts of this task may have left in storage: a node killed between writing its files
     * and completing leaves objects nothing refers to. Their keys are derived from the data key and the attempt
     * ({@link EmbedFiles#sweep}), so no record of them is needed. Only attempts whose claims are over are swept: this
     * attempt's claim replaced them, so none of them can complete any more.
     */
    private void sweepEarlierAttempts(TaskRecord task, EmbedRecord embed, byte[] key) {
        if (task.attempts() > 1 && EmbedRecord.IMAGE.equals(embed.type())) {
            try {
                files.sweep(embed.id(), key, 1, task.attempts() - 1);
            } catch (RuntimeException e) { // no storage installed right now: the next sweep tries again
                LOG.warn("Could not sweep what earlier attempts of task {} left in storage", task.id(), e);
            }
        }
    }

    /**
     * Deletes what any attempt of a task may have left in storage, once the task ended without a live attempt
     * (cancelled or failed after its node died). Best effort, and never throws: a key service or store that fails
     * is logged, and the objects stay until an operator removes them.
     *
     * @return false when it failed (and may be tried again), true when done or when there was nothing to sweep
     */
    boolean sweepEnded(TaskRecord ended) {
        if (ended.attempts() < 1) {
            return true;
        }
        try {
            EmbedRecord embed = embedRepository.findEmbed(ended.embedId()).orElse(null);
            if (embed == null || !EmbedRecord.IMAGE.equals(embed.type()) || embed.wrappedKey() == null) {
                return true;
            }
            byte[] key = backends.keys(embed.keyBackend()).unwrap(ended.ownerId(), embed.wrappedKey());
            try {
                files.sweep(embed.id(), key, 1, ended.attempts());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not sweep the files that task {} may have left in storage", ended.id(), e);
            return false;
        }
    }

    /**
     * Completes the task if this claim still holds it, a cancel requested after the provider answered
     * notwithstanding (review L6). Otherwise the files are removed: a task another node took over is left to that
     * node (H1 of the security review: "no longer ours" is not "cancelled").
     */
    private boolean complete(TaskRecord task, EmbedRecord embed, EmbedFiles.Stored stored, byte[] content,
            UsageRecord usage, Instant now) {
        // before the embed is finished: no download finds it without its routing rows
        EmbedRoutes.record(embedRepository, embed.id(), stored);
        String resultJson = TaskViews.resultJson(EmbedContent.infos(stored));
        Optional<TaskRecord> done = TaskUpdates.apply(taskRepository, task.id(),
                r -> TaskTransitions.complete(r, task, resultJson, now),
                r -> embed.finish(EmbedStatus.FINISHED, stored.backend(), content, now), usage);
        done.ifPresent(events::changed);
        if (done.isEmpty()) {
            files.delete(stored.backend(), objectKeys(stored));
        }
        return done.isPresent();
    }

    /**
     * Records how the attempt failed. A store that cannot be reached even for that is logged: the task stays
     * processing under this claim until its lease runs out, and lease recovery then retries it.
     */
    private void recordFailure(TaskRecord task, RunningTask handle, TaskEngine.Settings settings, Throwable e,
            UsageRecord charge) {
        try {
            handleFailure(task, handle, settings, e, charge);
        } catch (RuntimeException recordError) {
            LOG.error("Task {} failed and the failure could not be recorded; lease recovery will retry it", task.id(),
                    recordError);
        }
    }

    /** @param charge what the provider's answer cost when it came before the failure: recorded all the same */
    private void handleFailure(TaskRecord task, RunningTask handle, TaskEngine.Settings settings, Throwable e,
            UsageRecord charge) {
        if (handle.isAbandoned()) {
            LOG.info("Task {} abandoned by this node; lease recovery will resume it", task.id());
            return;
        }
        if (handle.isCancelled() || e instanceof TaskCancelledException) {
            finishCancelled(task.id(), r -> TaskTransitions.holds(r, task), charge);
            return;
        }
        ImagesException error = e instanceof ImagesException ie ? ie : null;
        if (error == null) {
            // Errors (OutOfMemoryError, LinkageError) included: a retry would most likely meet the same fault.
            LOG.error("Task {} ({}) failed unexpectedly", task.id(), task.skill(), e);
            fail(task.id(), r -> TaskTransitions.holds(r, task), ErrorCodes.INTERNAL_ERROR,
                    "The task failed because of an internal error; the operators can find it in the log.", false,
                    charge);
            return;
        }
        if (error.retryable() && task.attempts() < settings.maxAttempts()) {
            Duration delay = error.retryAfter().orElse(settings.backoff(task.attempts()));
            LOG.info("Task {} attempt {} failed with {}; retrying in {}", task.id(), task.attempts(), error.code(),
                    delay);
            requeue(task, delay, charge);
            return;
        }
        String message = safeMessage(error.publicMessage()); // users read it: no backend configuration detail
        if (error.httpStatus() >= 500) {
            LOG.warn("Task {} failed with {}: {}", task.id(), error.code(), safeMessage(error.getMessage()));
        } else {
            LOG.info("Task {} failed with {}: {}", task.id(), error.code(), message);
        }
        fail(task.id(), r -> TaskTransitions.holds(r, task), error.code(), message, error.retryable(), charge);
    }

    private void requeue(TaskRecord task, Duration delay, UsageRecord charge) {
        // not_before is judged by the database clock: a skewed node must not shift it
        Instant now = taskRepository.now();
        TaskUpdates.apply(taskRepository, task.id(), r -> TaskTransitions.retry(r, task, now.plus(delay),
                now.plus(delay).plus(typical(r.skill())), now), null, charge).ifPresent(events::changed);
    }

    /** Longest error message kept: the column holds 2000 characters, and a message is for a human to read. */
    static final int MAX_MESSAGE = 500;

    /**
     * An error message fit to store and log: control characters (forged log lines) become spaces, and it is cut to
     * {@link #MAX_MESSAGE} characters, so that recording a failure cannot itself fail.
     */
    static String safeMessage(String message) {
        if (message == null) {
            return "";
        }
        String clean = message.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_MESSAGE ? clean : clean.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** Fails a task (and its embed) unless it already ended or {@code guard} declines its current row. */
    Optional<TaskRecord> fail(String taskId, Predicate<TaskRecord> guard, String code, String message,
            boolean retryable) {
        return fail(taskId, guard, code, message, retryable, null);
    }

    private Optional<TaskRecord> fail(String taskId, Predicate<TaskRecord> guard, String code, String message,
            boolean retryable, UsageRecord charge) {
        Instant now = taskRepository.now();
        String safe = safeMessage(message);
        return TaskUpdates.apply(taskRepository, taskId,
                r -> TaskTransitions.fail(r, guard, code, safe, retryable, now),
                r -> embedRepository.findEmbed(r.embedId()).map(e -> e.finish(EmbedStatus.ERROR, null, null, now))
                        .orElse(null), charge).map(this::changed);
    }

    private TaskRecord changed(TaskRecord r) {
        events.changed(r);
        return r;
    }

    /** Ends a task cancelled unless it already ended: for its owner's own cancel request. */
    Optional<TaskRecord> finishCancelled(String taskId) {
        return finishCancelled(taskId, r -> true);
    }

    /** As above, only while {@code guard} accepts the current row. */
    Optional<TaskRecord> finishCancelled(String taskId, Predicate<TaskRecord> guard) {
        return finishCancelled(taskId, guard, null);
    }

    private Optional<TaskRecord> finishCancelled(String taskId, Predicate<TaskRecord> guard, UsageRecord charge) {
        Instant now = taskRepository.now();
        return TaskUpdates.apply(taskRepository, taskId, r -> TaskTransitions.cancel(r, guard, now),
                r -> embedRepository.findEmbed(r.embedId()).map(e -> e.finish(EmbedStatus.CANCELLED, null, null, now))
                        .orElse(null), charge).map(this::changed);
    }

    Duration typical(String skill) {
        return typicalDurations.of(skill);
    }

    private static List<String> objectKeys(EmbedFiles.Stored stored) {
        return stored.files().values().stream().map(f -> f.objectKey()).toList();
    }
}
