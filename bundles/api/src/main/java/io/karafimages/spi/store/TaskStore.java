package io.karafimages.spi.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.api.TaskStatus;

/**
 * Persistent tasks and embeds. Every state change is a compare-and-set on {@link TaskRecord#version()}, so
 * several runtimes may share one database.
 */
@ConsumerType
public interface TaskStore {

    /**
     * Inserts a task and its placeholder embed in one transaction.
     *
     * @return false when the task's (owner, idempotency key) is already taken; nothing is written then
     */
    boolean create(TaskRecord task, EmbedRecord embed);

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
     * Like {@link #create(TaskRecord, EmbedRecord)}, but only when the owner's credits charged since
     * {@code periodStart}, plus {@link #pendingCredits(String)}, plus the task's estimated credits stay within
     * {@code budgetCredits}. Stores that several writers share must check and insert atomically per owner, so
     * that parallel creates cannot overspend; this default is not atomic.
     *
     * @since 3.2
     */
    default Created createWithinBudget(TaskRecord task, EmbedRecord embed, long budgetCredits, Instant periodStart) {
        long committed = creditsSince(task.ownerId(), periodStart) + pendingCredits(task.ownerId());
        if (committed + task.estimatedCredits() > budgetCredits) {
            return Created.OVER_BUDGET;
        }
        return create(task, embed) ? Created.CREATED : Created.DUPLICATE;
    }

    /**
     * The store's clock. Leases are written and judged by it, so nodes whose clocks disagree still agree on
     * whether a lease ran out. A store shared by several runtimes answers with its database's time; this default
     * uses the caller's clock.
     *
     * @since 3.2
     */
    default Instant now() {
        return Instant.now();
    }

    /** Inserts an embed that needs no task (an upload), usually already finished. */
    void createEmbed(EmbedRecord embed);

    Optional<TaskRecord> findTask(String taskId);

    /** The task holding this idempotency key for the owner, if created after {@code since}. */
    Optional<TaskRecord> findByIdempotencyKey(String ownerId, String key, Instant since);

    /** Frees idempotency keys older than {@code before} so they can be used again (a periodic clean-up). */
    void expireIdempotencyKeys(Instant before);

    /**
     * Frees one owner's idempotency key if the task holding it is older than {@code before}, so a submit can reuse
     * it; one indexed row, not a table walk. The default frees every expired key.
     */
    default void expireIdempotencyKey(String ownerId, String key, Instant before) {
        expireIdempotencyKeys(before);
    }

    Optional<EmbedRecord> findEmbed(String embedId);

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

    /** The owner's charges since an instant, newest first, at most {@code limit}. */
    List<UsageRecord> usage(String ownerId, Instant since, int limit);

    /** Credits charged to the owner since an instant. */
    long creditsSince(String ownerId, Instant since);

    /** Credits that the owner's queued and running tasks are expected to cost. */
    long pendingCredits(String ownerId);

    /**
     * Tasks a worker may claim now: queued ones whose {@code notBefore} has passed and processing ones
     * whose lease ran out, oldest first. Callers pass {@link #now()}, so that lease expiry is judged by the
     * store's clock.
     */
    List<TaskRecord> findClaimable(Instant now, int limit);

    /** Processing tasks leased by a node. */
    List<TaskRecord> findLeasedBy(String nodeId);

    /** The newest tasks, newest first. */
    List<TaskRecord> recent(int limit);

    /** How long the last {@code limit} completed tasks of a skill took, newest first. */
    List<Duration> recentDurations(String skill, int limit);

    /** Number of queued tasks created before the given instant. */
    int countQueuedBefore(Instant createdAt);

    /**
     * Removes an embed for good, with the task that made it (its usage record stays: what was charged was charged),
     * in one transaction, leaving a tombstone (see {@link #isDeletedEmbed}). The wrapped data key goes with the row.
     * The caller removes any files first.
     *
     * @return false when there was no such embed
     */
    default boolean deleteEmbed(String embedId) {
        throw new UnsupportedOperationException("this store cannot delete embeds");
    }

    /**
     * One page of the owner's embeds (any type and state), newest first: ordered by {@code createdAt} then
     * {@code id}, both descending, and strictly after {@code after} in that order (a keyset, so that inserts and
     * equal timestamps never make a row appear twice or not at all).
     *
     * @param after {@code null} for the first page, else the last row of the previous page
     * @since 3.3
     */
    default List<EmbedRecord> listEmbeds(String ownerId, Keyset after, int limit) {
        throw new UnsupportedOperationException("this store cannot list embeds");
    }

    /**
     * One page of the owner's tasks, newest first, as {@link #listEmbeds}.
     *
     * @param status only tasks in this state; {@code null} for all
     * @since 3.3
     */
    default List<TaskRecord> listTasks(String ownerId, TaskStatus status, Keyset after, int limit) {
        throw new UnsupportedOperationException("this store cannot list tasks");
    }

    /**
     * The task that makes or made an embed, if any (uploads have none).
     *
     * @since 3.3
     */
    default Optional<TaskRecord> findTaskByEmbed(String embedId) {
        throw new UnsupportedOperationException("this store cannot find a task by its embed");
    }

    /**
     * Whether another embed of the owner than {@code embedId} holds the same wrapped data key, so that destroying
     * the key would make that embed unreadable too.
     *
     * @since 3.3
     */
    default boolean isKeyShared(String ownerId, String wrappedKey, String embedId) {
        throw new UnsupportedOperationException("this store cannot tell whether a key is shared");
    }

    /**
     * Whether the owner deleted this embed with {@link #deleteEmbed(String)}: a deleted embed leaves a tombstone
     * (its id, owner and the time, nothing else), so that deleting it again can be told apart from deleting an
     * embed that never existed or belongs to somebody else.
     *
     * @since 3.3
     */
    default boolean isDeletedEmbed(String ownerId, String embedId) {
        return false;
    }

    /** The owner's finished embeds of one type, newest first, at most {@code limit}. */
    List<EmbedRecord> findFinishedEmbeds(String ownerId, String type, int limit);

    /** Embeds whose files are in a blob backend, ordered by id, after {@code afterId} (exclusive). */
    List<EmbedRecord> findEmbedsByBlobBackend(String blobBackend, String afterId, int limit);

    /** Records that an embed's files moved to another backend, if they were still in {@code from}. */
    boolean moveEmbedFiles(String embedId, String from, String to);

    /**
     * The routing of one rendition of an embed, in one read: the embed row joined with the rendition's routing row
     * (see {@link EmbedFileRow}); empty when there is no such embed.
     *
     * @since 3.5
     */
    default Optional<FileRoute> findFileRoute(String embedId, io.karafimages.api.RenditionFormat format) {
        throw new UnsupportedOperationException("this store has no routing rows");
    }

    /**
     * Writes the routing rows of an embed's files, replacing any it had (idempotent: a backfill and a completion may
     * both write the same rows). The embed must exist.
     *
     * @since 3.5
     */
    default void putEmbedFiles(String embedId, List<EmbedFileRow> files) {
        throw new UnsupportedOperationException("this store has no routing rows");
    }

    /**
     * The routing rows of all of an embed's files (empty when none were written).
     *
     * @since 3.5
     */
    default List<EmbedFileRow> findEmbedFiles(String embedId) {
        return List.of();
    }

    /** A short state for the health endpoint: {@code up} or a reason. */
    default String health() {
        return "up";
    }
}
