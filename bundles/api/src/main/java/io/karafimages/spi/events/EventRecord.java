package io.karafimages.spi.events;

import java.time.Instant;
import java.util.Objects;

import io.karafimages.api.TaskStatus;

/**
 * One stored live event (an {@code embed_update}): a task's state as of one committed change. Routing data only;
 * the embed content of a finished update is read (and decrypted for its owner) when the event is delivered.
 *
 * @param id the outbox id: increasing in commit order per writer, the event id clients resume from
 * @param taskId the task whose change this is, {@code null} for an embed that has no task
 * @param finished whether {@code status} is final (completed, failed or cancelled): such updates are kept until
 *        the owner's web app acknowledges them
 * @param acked whether the owner acknowledged this finished update
 */
public record EventRecord(long id, String ownerId, String taskId, String embedId, TaskStatus status, double progress,
        Instant estimatedFinishAt, boolean finished, boolean acked, Instant createdAt) {
    public EventRecord {
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(embedId, "embedId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether a task status is final. */
    public static boolean isFinal(TaskStatus status) {
        return status == TaskStatus.COMPLETED || status == TaskStatus.FAILED || status == TaskStatus.CANCELLED;
    }
}
