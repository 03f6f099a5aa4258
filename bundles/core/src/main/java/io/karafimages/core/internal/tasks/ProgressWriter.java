package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * Persists a running task's progress and estimate, at most a few times a second. Used by one worker thread. Best
 * effort: a store that cannot take the write is logged and the generation goes on (security review L2: a database
 * blip must not abort a paid provider call that keeps running, and billing, upstream).
 */
final class ProgressWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressWriter.class);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(250);

    private final TaskRepository store;
    private final TaskEventPublisher events;
    private final TaskRecord task;
    private final Duration typical;
    private long lastWrite = Long.MIN_VALUE / 2;
    private double last = -1;

    /** @param task the claimed record: progress is written only while this claim holds the task */
    ProgressWriter(TaskRepository store, TaskEventPublisher events, TaskRecord task, Duration typical) {
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
        try {
            Instant now = store.now(); // started_at is the database's time: so is the estimate's "now"
            Instant started = task.startedAt() == null ? now : task.startedAt();
            Instant estimate = Estimator.forRunning(started, now, value, typical);
            if (store.recordProgress(task, value, estimate, now)) {
                events.progressed(task.toBuilder().progress(value).estimatedFinishAt(estimate).updatedAt(now).build());
            }
        } catch (RuntimeException e) {
            LOG.warn("Task {}: progress {} not recorded ({}); the task goes on", task.id(), value, e.toString());
        }
    }
}
