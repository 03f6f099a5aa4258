package io.karafimages.core.internal.tasks;

/**
 * This node's handle on one task attempt in progress. Flags are written by the engine (cancel requests,
 * heartbeats, shutdown) and read by the worker.
 */
final class RunningTask {
    private final String taskId;
    private volatile boolean cancelled;
    private volatile boolean abandoned;

    RunningTask(String taskId) {
        this.taskId = taskId;
    }

    String taskId() {
        return taskId;
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
