package io.karafimages.core.internal.usage;

import java.time.Clock;
import java.time.Duration;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {
    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    TokenBucket(int capacity, double perSecond, Clock clock) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    /** Takes a token: zero when granted, else how long until one is available. */
    synchronized Duration take() {
        long now = nanos();
        tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000)));
    }

    private long nanos() {
        return clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    }
}
