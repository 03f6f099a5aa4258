package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.karafimages.spi.store.TaskRecord;
import io.karafimages.spi.store.TaskStore;

/** Persists a running task's progress and estimate, at most a few times a second. Used by one worker thread. */
final class ProgressWriter {
    private static final Duration MIN_INTERVAL = Duration.ofMillis(250);

    private final TaskStore store;
    private final TaskEventPublisher events;
    private final TaskRecord task;
    private final Duration typical;
    private long lastWrite = Long.MIN_VALUE / 2;
    private double last = -1;

    /** @param task the claimed record: progress is written only while this claim holds the task */
    ProgressWriter(TaskStore store, TaskEventPublisher events, TaskRecord task, Duration typical) {
        this.store = store;
        this.events = events;
        this.task = task;
        this.typical = typical;
    }

    void write(double fraction, String message) {
        double value = Math.max(0, Math.min(0.99, fraction));
        long tick = System.nanoTime();
        if (value <= last || tick - lastWrite < MIN_INTERVAL.toNanos() && value - last < 0.1) {
            return;
        }
        last = value;
        lastWrite = tick;
        Instant now = store.now(); // started_at is the database's time: so is the estimate's "now"
        Instant started = task.startedAt() == null ? now : task.startedAt();
        Instant estimate = Estimator.forRunning(started, now, value, typical);
        TaskUpdates.apply(store, task.id(), r -> TaskUpdates.holds(r, task)
                ? Optional.of(r.toBuilder().progress(value).estimatedFinishAt(estimate).updatedAt(now).build())
                : Optional.empty()).ifPresent(events::progressed);
    }
}
