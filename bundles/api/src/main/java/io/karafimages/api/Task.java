package io.karafimages.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a task as its owner sees it.
 *
 * @param files the renditions, only when {@link TaskStatus#COMPLETED}; empty otherwise
 * @param error only when {@link TaskStatus#FAILED}
 * @param estimatedFinishAt may be {@code null} for terminal tasks
 */
public record Task(String taskId, String skill, String ownerId, String embedId, TaskStatus status, double progress,
        Instant estimatedFinishAt, Instant createdAt, Instant updatedAt, Map<RenditionFormat, FileInfo> files,
        TaskError error) {

    public Task {
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    public Optional<TaskError> errorIfAny() {
        return Optional.ofNullable(error);
    }
}
