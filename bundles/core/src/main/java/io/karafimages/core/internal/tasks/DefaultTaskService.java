package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.Task;
import io.karafimages.api.TaskService;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.input.InputBinder;
import io.karafimages.core.internal.skills.OwnerChecks;
import io.karafimages.core.internal.inputs.SkillInputs;
import io.karafimages.core.internal.json.Json;
import io.karafimages.core.internal.registry.SkillRegistry;
import io.karafimages.core.internal.usage.UsageLimits;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.core.internal.lists.ListCursor;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.Keyset;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.EmbedRepository;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * Creates tasks with their placeholder embeds. The task input is encrypted with the embed's fresh data key
 * before it reaches the store, and the engine is woken only after the rows are committed.
 */
@Component(service = TaskService.class)
public final class DefaultTaskService implements TaskService {
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final TaskRepository taskRepository;
    private final EmbedRepository embedRepository;
    private final SkillRegistry skills;
    private final Backends backends;
    private final TaskEngine engine;
    private final TaskAttempt attempt;
    private final UsageLimits limits;
    private final SkillInputs inputs;
    private final QueueDepth queue;

    /** A bound, checked and normalised input, ready to store. */
    private record Prepared(byte[] json, Cost cost) {
    }

    @Activate
    public DefaultTaskService(@Reference TaskRepository taskRepository, @Reference EmbedRepository embedRepository,
            @Reference SkillRegistry skills, @Reference Backends backends, @Reference TaskEngine engine,
            @Reference TaskAttempt attempt, @Reference UsageLimits limits, @Reference SkillInputs inputs) {
        this.inputs = inputs;
        this.taskRepository = taskRepository;
        this.embedRepository = embedRepository;
        this.skills = skills;
        this.backends = backends;
        this.engine = engine;
        this.attempt = attempt;
        this.limits = limits;
        this.queue = new QueueDepth(taskRepository::countQueuedBefore, taskRepository::now);
    }

    @Override
    public Task submit(String userId, String skillId, Map<String, Object> input, Optional<String> idempotencyKey) {
        Skill<?> skill = skills.skill(skillId).orElseThrow(() -> new ImagesException(ErrorCodes.UNKNOWN_SKILL, 404,
                false, "No skill '" + skillId + "' is installed; GET /v1/apps/images/skills lists the skills."));
        Prepared prepared = prepare(skill, userId, input);
        String request = skillId + "\n" + Json.writeString(input);
        // the database clock: not_before, created_at and the idempotency window are compared with the database's
        // time by every node, so a node whose own clock is ahead must not delay its tasks (or behind, age them)
        Instant now = taskRepository.now();
        Cost cost = prepared.cost();
        if (idempotencyKey.isPresent()) {
            String key = idempotencyKey.get();
            if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY) {
                throw ImagesException.invalid("invalid_idempotency_key",
                        "The Idempotency-Key header must have 1 to " + MAX_IDEMPOTENCY_KEY + " characters.");
            }
            // only this key, through the (owner, key) index: a table-wide UPDATE per POST grew with the table and
            // made concurrent submitters contend for row locks (security review L8); the engine expires the rest
            taskRepository.expireIdempotencyKey(userId, key, now.minus(IDEMPOTENCY_WINDOW));
            Optional<Task> replay = replay(userId, key, request, now);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        limits.checkRate(userId);
        limits.checkBudget(userId, cost);
        String taskId = UUID.randomUUID().toString();
        String embedId = UUID.randomUUID().toString();
        KeyService keys = backends.activeKeys();
        if (SkillResult.IMAGE.equals(skill.descriptor().resultType())) {
            backends.activeStore(); // a pinned storage that is down refuses the work now (503), not after the provider
        }
        TaskRecord task;
        try (DataKey dataKey = keys.newDataKey(userId)) {
            byte[] sealedInput = EnvelopeCrypto.seal(dataKey.plaintext(), prepared.json(),
                    EnvelopeCrypto.aad(taskId, "input"));
            EmbedRecord embed = new EmbedRecord(embedId, userId, skill.descriptor().resultType(),
                    EmbedStatus.PROCESSING, keys.id(), dataKey.wrapped(), null, null, now, now);
            Duration typical = attempt.typical(skillId);
            task = TaskRecord.builder().id(taskId).ownerId(userId).skill(skillId).embedId(embedId)
                    .status(TaskStatus.QUEUED).input(sealedInput).notBefore(now)
                    .idempotency(idempotencyKey.orElse(null),
                            idempotencyKey.isPresent() ? RequestHash.of(dataKey.plaintext(), request) : null)
                    .estimatedFinishAt(Estimator.forQueued(now, typical, queue.current(),
                            engine.workers()))
                    .estimatedCredits(cost.credits()).createdAt(now).updatedAt(now).version(0).build();
            if (!limits.create(task, embed)) {
                // Lost a race with the same idempotency key: answer like the winner.
                return replay(userId, idempotencyKey.orElseThrow(), request, now)
                        .orElseThrow(() -> ImagesException.conflict("idempotency_key_reused",
                                "A request with this Idempotency-Key is in progress."));
            }
        }
        queue.added();
        attempt.events().changed(task);
        engine.wake();
        return TaskViews.view(task);
    }

    /** Binds the body to the skill's input type, checks its image inputs, normalises it once. */
    private <I> Prepared prepare(Skill<I> skill, String userId, Map<String, Object> input) {
        I bound = InputBinder.bind(input, skill.inputType());
        inputs.check(userId, bound);
        I normalized = skill.normalize(bound);
        if (skill instanceof OwnerChecks<?> checks) {
            @SuppressWarnings("unchecked")
            OwnerChecks<I> typed = (OwnerChecks<I>) checks;
            typed.checkFor(userId, normalized);
        }
        return new Prepared(InputBinder.write(normalized), skill.estimate(normalized));
    }

    private Optional<Task> replay(String userId, String key, String request, Instant now) {
        return taskRepository.findByIdempotencyKey(userId, key, now.minus(IDEMPOTENCY_WINDOW)).map(existing -> {
            if (!sameRequest(existing, request)) {
                throw ImagesException.conflict("idempotency_key_reused",
                        "This Idempotency-Key was used with a different request in the last 24 hours.");
            }
            return TaskViews.view(existing);
        });
    }

    @Override
    public Optional<Task> find(String userId, String taskId) {
        return owned(userId, taskId).map(TaskViews::view);
    }

    @Override
    public Task cancel(String userId, String taskId) {
        TaskRecord current = owned(userId, taskId).orElseThrow(() -> ImagesException.notFound("Task"));
        if (current.status() == TaskStatus.QUEUED) {
            // a retry waiting in the queue: its failed attempt may not have been able to remove its files
            attempt.finishCancelled(taskId).ifPresent(attempt::sweepEnded);
        } else if (current.status() == TaskStatus.PROCESSING) {
            Instant now = taskRepository.now();
            TaskUpdates.apply(taskRepository, taskId, r -> TaskTransitions.requestCancel(r, now));
            // Queued again between the two reads (a retry): nobody runs it, so end it here.
            taskRepository.findTask(taskId).filter(r -> r.status() == TaskStatus.QUEUED)
                    .flatMap(r -> attempt.finishCancelled(taskId)).ifPresent(attempt::sweepEnded);
            engine.cancelLocal(taskId);
        }
        return taskRepository.findTask(taskId).map(TaskViews::view).orElseThrow();
    }

    @Override
    public Page<Task> list(String userId, TaskStatus status, int limit, String cursor) {
        int size = ListCursor.limit(limit);
        Keyset after = ListCursor.decode(ListCursor.TASKS, cursor);
        return ListCursor.page(ListCursor.TASKS, taskRepository.listTasks(userId, status, after, size + 1), size,
                t -> new Keyset(t.createdAt(), t.id()), TaskViews::view);
    }

    @Override
    public List<Task> recent(int limit) {
        return taskRepository.recent(limit).stream().map(TaskViews::view).toList();
    }

    private Optional<TaskRecord> owned(String userId, String taskId) {
        return taskRepository.findTask(taskId).filter(t -> t.ownerId().equals(userId));
    }

    /** Checks a replay against the stored request hash, which is keyed from the earlier task's data key. */
    private boolean sameRequest(TaskRecord existing, String request) {
        Optional<EmbedRecord> embed = embedRepository.findEmbed(existing.embedId());
        if (embed.isEmpty()) {
            return false;
        }
        byte[] key = backends.keys(embed.get().keyBackend()).unwrap(existing.ownerId(), embed.get().wrappedKey());
        try {
            return RequestHash.matches(existing.requestHash(), key, request);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
