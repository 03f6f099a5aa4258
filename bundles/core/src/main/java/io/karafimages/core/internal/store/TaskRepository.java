package io.karafimages.core.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.karafimages.api.TaskStatus;

/**
 * Persistent tasks. Every state change is a compare-and-set on {@link TaskRecord#version()}, so several runtimes
 * may share one database; the changes themselves are made in one place, {@code TaskTransitions}. Progress is the
 * exception: {@link #recordProgress} is one conditional write, guarded like a worker's compare-and-set.
 */
public interface TaskRepository {

    /** What {@link #createWithinBudget} did. */
    enum Created {
        /** The task and its embed were inserted. */
        CREATED,
        /** Nothing was written: the task's (owner, idempotency key) is already taken. */
        DUPLICATE,
        /** Nothing was written: the task's estimated credits would exceed the owner's budget. */
        OVER_BUDGET
    }

    /**
     * The database's clock. Leases are written and judged by it, so nodes whose clocks disagree still agree on
     * whether a lease ran out.
     */
    Instant now();

    /**
     * Inserts a task and its placeholder embed in one transaction.
     *
     * @return false when the task's (owner, idempotency key) is already taken; nothing is written then
     */
    boolean create(TaskRecord task, EmbedRecord embed);

    /**
     * Like {@link #create(TaskRecord, EmbedRecord)}, but only when the owner's credits charged since
     * {@code periodStart}, plus the credits of the owner's unfinished tasks, plus the task's estimated credits stay
     * within {@code budgetCredits}; checked and inserted atomically per owner, so parallel creates cannot overspend.
     */
    Created createWithinBudget(TaskRecord task, EmbedRecord embed, long budgetCredits, Instant periodStart);

    Optional<TaskRecord> findTask(String taskId);

    /** The task that makes or made an embed, if any (uploads have none). */
    Optional<TaskRecord> findTaskByEmbed(String embedId);

    /** The task holding this idempotency key for the owner, if created after {@code since}. */
    Optional<TaskRecord> findByIdempotencyKey(String ownerId, String key, Instant since);

    /** Frees idempotency keys older than {@code before} so they can be used again (a periodic clean-up). */
    void expireIdempotencyKeys(Instant before);

    /**
     * Frees one owner's idempotency key if the task holding it is older than {@code before}, so a submit can reuse
     * it; one indexed row, not a table walk.
     */
    void expireIdempotencyKey(String ownerId, String key, Instant before);

    /**
     * Saves a changed task (and, in the same transaction, its embed when not {@code null}) if nobody changed
     * the task since it was read at {@code expectedVersion}. The stored version becomes expectedVersion + 1.
     */
    boolean update(TaskRecord task, long expectedVersion, EmbedRecord embed);

    /**
     * Like {@link #update(TaskRecord, long, EmbedRecord)}, and also records the charge in the same transaction.
     * A second charge for the same task id is ignored, so a task is charged at most once.
     */
    boolean update(TaskRecord task, long expectedVersion, EmbedRecord embed, UsageRecord usage);

    /**
     * Records a running task's progress and expected finish in one conditional write, without reading the row: only
     * while {@code claim} still holds the task (processing, same lease owner, same attempt: the guard of
     * {@code TaskTransitions.holds}) and while the stored progress differs, bumping its version (so a concurrent
     * compare-and-set reads it again) and writing its live event in the same transaction.
     *
     * @return whether the claim held and the progress changed
     */
    boolean recordProgress(TaskRecord claim, double progress, Instant estimatedFinishAt, Instant now);

    /**
     * Tasks a worker may claim now: queued ones whose {@code notBefore} has passed and processing ones
     * whose lease ran out, oldest first. Callers pass {@link #now()}, so that lease expiry is judged by the
     * database's clock.
     */
    List<TaskRecord> findClaimable(Instant now, int limit);

    /** Processing tasks leased by a node. */
    List<TaskRecord> findLeasedBy(String nodeId);

    /** The newest tasks, newest first. */
    List<TaskRecord> recent(int limit);

    /**
     * One page of the owner's tasks, newest first: ordered by {@code createdAt} then {@code id}, both descending,
     * and strictly after {@code after} in that order (a keyset).
     *
     * @param status only tasks in this state; {@code null} for all
     * @param after {@code null} for the first page, else the last row of the previous page
     */
    List<TaskRecord> listTasks(String ownerId, TaskStatus status, Keyset after, int limit);

    /** How long the last {@code limit} completed tasks of a skill took, newest first. */
    List<Duration> recentDurations(String skill, int limit);

    /** Number of queued tasks created before the given instant. */
    int countQueuedBefore(Instant createdAt);

    /** A short state for the health endpoint: {@code up} or a reason. */
    String health();
}
