package io.karafimages.core.internal.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * How many tasks wait in the queue, for the estimate a submit answers with. Counting the queue is a query over the
 * task table; under load every POST ran it (issue 12). This keeps the last count for a short time, adds the tasks
 * this node created since, and lets exactly one caller refresh a stale count while the others answer with the
 * stale one: the estimate is an estimate, a request thread need not wait for it.
 */
final class QueueDepth {
    static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private final ToIntFunction<Instant> count;
    private final Supplier<Instant> clock;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicLong addedSince = new AtomicLong();
    private volatile Snapshot snapshot;

    private record Snapshot(long takenAt, int depth) {
    }

    /**
     * @param count the store's count of queued tasks created before an instant
     * @param clock the instant to count before: the database's clock, which task times are judged by
     */
    QueueDepth(ToIntFunction<Instant> count, Supplier<Instant> clock, Duration maxAge, LongSupplier nanoTime) {
        this.count = count;
        this.clock = clock;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    QueueDepth(ToIntFunction<Instant> count, Supplier<Instant> clock) {
        this(count, clock, DEFAULT_MAX_AGE, System::nanoTime);
    }

    /** Queued tasks now: the last count plus what this node queued since; counts again when the count is old. */
    int current() {
        Snapshot s = snapshot;
        if ((s == null || nanoTime.getAsLong() - s.takenAt() >= maxAgeNanos) && refreshing.tryLock()) {
            try {
                s = snapshot;
                if (s == null || nanoTime.getAsLong() - s.takenAt() >= maxAgeNanos) {
                    long before = addedSince.get();
                    int depth = count.applyAsInt(clock.get());
                    s = new Snapshot(nanoTime.getAsLong(), depth);
                    snapshot = s;
                    addedSince.addAndGet(-before); // the new count includes those
                }
            } finally {
                refreshing.unlock();
            }
        }
        if (s == null) {
            // first call while another thread counts: no figure yet, count once here rather than guess
            return count.applyAsInt(clock.get());
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, s.depth() + addedSince.get()));
    }

    /** This node queued one more task. */
    void added() {
        addedSince.incrementAndGet();
    }
}
