package io.karafimages.core.internal.tasks;

import io.karafimages.core.internal.store.TaskRecord;

/**
 * This node's handle on one task attempt in progress. Flags are written by the engine (cancel requests,
 * heartbeats, shutdown) and read by the worker.
 */
final class RunningTask {
    private final TaskRecord claim;
    private volatile boolean cancelled;
    private volatile boolean abandoned;

    /** @param claim the task as this node claimed it: its lease owner and attempt are the claim token */
    RunningTask(TaskRecord claim) {
        this.claim = claim;
    }

    String taskId() {
        return claim.id();
    }

    TaskRecord claim() {
        return claim;
    }

    /** The owner cancelled: the worker should stop and record the task as cancelled. */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled || abandoned;
    }

    /** This node stops working on it (shutdown, lost lease): record nothing, leave it to lease recovery. */
    void abandon() {
        abandoned = true;
    }

    boolean isAbandoned() {
        return abandoned;
    }
}
