package io.karafimages.core.internal.tasks;

import java.util.Optional;
import java.util.function.Function;

import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.UsageRecord;

/**
 * Read-modify-write of a task with compare-and-set, retried when another writer (a cancel request, another
 * node's claim, a heartbeat, a progress write) got there first.
 */
final class TaskUpdates {
    /** A change to apply; empty means "no change wanted on this version". */
    interface Change extends Function<TaskRecord, Optional<TaskRecord>> {
    }

    private static final int ATTEMPTS = 20;

    private TaskUpdates() {
    }

    /** @return the saved record, or empty when the change declined or the task does not exist */
    static Optional<TaskRecord> apply(TaskRepository store, String taskId, Change change,
            Function<TaskRecord, EmbedRecord> embedChange) {
        return apply(store, taskId, change, embedChange, null);
    }

    /** As above, also recording a charge in the same transaction as the change. */
    static Optional<TaskRecord> apply(TaskRepository store, String taskId, Change change,
            Function<TaskRecord, EmbedRecord> embedChange, UsageRecord usage) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<TaskRecord> current = store.findTask(taskId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<TaskRecord> next = change.apply(current.get());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            TaskRecord wanted = next.get().toBuilder().version(current.get().version() + 1).build();
            EmbedRecord embed = embedChange == null ? null : embedChange.apply(wanted);
            if (store.update(wanted, current.get().version(), embed, usage)) {
                return Optional.of(wanted);
            }
        }
        throw new IllegalStateException("Task " + taskId + " kept changing under concurrent updates");
    }

    static Optional<TaskRecord> apply(TaskRepository store, String taskId, Change change) {
        return apply(store, taskId, change, null);
    }
}
