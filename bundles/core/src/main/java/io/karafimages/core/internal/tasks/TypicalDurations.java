package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * How long a skill's tasks typically take, for the estimates a submit and a running task answer with. It is read
 * from the durations of the skill's last tasks, a query that every POST ran (a JFR profile of
 * {@code benchmarks/generate-load.sh}: about 4 % of a request thread's samples); this keeps each skill's figure for
 * a short time, and drops it when a task of the skill completes on this node, so tasks ended on other nodes are
 * counted within {@code maxAge}. The figure is a median of twenty tasks: a few seconds' delay does not change what
 * it says. Keys are the ids of installed skills, so the map stays as small as the registry. Thread-safe, no lock.
 */
final class TypicalDurations {
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    private final Function<String, Duration> read;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Figure> bySkill = new ConcurrentHashMap<>();

    private record Figure(Duration typical, long readAt) {
    }

    /** @param read the store's typical duration of a skill's recent tasks */
    TypicalDurations(Function<String, Duration> read, Duration maxAge, LongSupplier nanoTime) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    TypicalDurations(Function<String, Duration> read) {
        this(read, DEFAULT_MAX_AGE, System::nanoTime);
    }

    /** The skill's typical duration, read again once the last reading is {@code maxAge} old. */
    Duration of(String skill) {
        Figure f = bySkill.get(skill);
        long now = nanoTime.getAsLong();
        if (f == null || now - f.readAt() >= maxAgeNanos) { // two threads may both read: harmless, and no one waits
            f = new Figure(read.apply(skill), now);
            bySkill.put(skill, f);
        }
        return f.typical();
    }

    /** A task of the skill just ended here: the next question reads the figure again. */
    void forget(String skill) {
        bySkill.remove(skill);
    }
}
