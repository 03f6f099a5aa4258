package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Estimates when a task will finish from the durations of recent tasks of the same skill and the queue
 * ahead of it. Pure functions; the callers supply the history.
 */
final class Estimator {
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(15);

    private Estimator() {
    }

    /** The mean of recent durations, or a default when there is no history. */
    static Duration typical(List<Duration> recent) {
        if (recent.isEmpty()) {
            return DEFAULT_DURATION;
        }
        long total = recent.stream().mapToLong(Duration::toMillis).sum();
        return Duration.ofMillis(total / recent.size());
    }

    /** A queued task: it waits for the tasks ahead of it to pass through the workers, then runs. */
    static Instant forQueued(Instant now, Duration typical, int queuedAhead, int workers) {
        long rounds = 1 + queuedAhead / Math.max(1, workers);
        return now.plus(typical.multipliedBy(rounds));
    }

    /** A running task: extrapolate from its progress once there is some, else from the typical duration. */
    static Instant forRunning(Instant startedAt, Instant now, double progress, Duration typical) {
        if (progress >= 0.05) {
            long elapsed = Duration.between(startedAt, now).toMillis();
            return startedAt.plusMillis((long) (elapsed / progress));
        }
        Instant expected = startedAt.plus(typical);
        return expected.isAfter(now) ? expected : now.plusSeconds(1);
    }
}
