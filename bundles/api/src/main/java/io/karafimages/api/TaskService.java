package io.karafimages.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Starts, reads and cancels tasks on behalf of a user. Thread-safe. */
@ProviderType
public interface TaskService {

    /**
     * Validates the input with the skill, creates the task and its placeholder embed, and queues the work
     * once both are committed.
     *
     * @param idempotencyKey when present, a second call with the same key and input within 24 hours returns
     *        the first task and starts nothing; the same key with other input throws a 409
     *        {@code idempotency_key_reused}
     * @throws ImagesException {@code unknown_skill} (404) or the skill's input error codes (400)
     */
    Task submit(String userId, String skillId, Map<String, Object> input, Optional<String> idempotencyKey);

    /** The user's task; empty if it does not exist or belongs to somebody else. */
    Optional<Task> find(String userId, String taskId);

    /** Cancels a queued or running task; idempotent. Returns the task as it is after the request. */
    Task cancel(String userId, String taskId);

    /**
     * The user's tasks, newest first (by creation time, ties broken by id), {@code limit} at a time.
     *
     * @param status only tasks in this state; {@code null} for all
     * @param limit 1..{@link Page#MAX_LIMIT}
     * @param cursor {@code null} for the first page, else a {@link Page#nextCursor()} of this list
     * @throws ImagesException 400 {@code invalid_limit}, 400 {@code invalid_cursor}
     * @since 1.5
     */
    Page<Task> list(String userId, TaskStatus status, int limit, String cursor);

    /** The newest tasks of all users (operators only), at most {@code limit}. */
    List<Task> recent(int limit);
}
