package io.karafimages.core.internal.users;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.core.internal.store.ApiKeyRepository;

/**
 * Records when keys were last used without a write on the request path: a request only marks its key (at most
 * once per {@link #EVERY} per key on this node); {@link #flush()}, run by the user service's own timer, writes the
 * marks in one transaction. Best effort: a failed write is logged and the marks are dropped, since a last-use time
 * is a hint for operators, not something a request may fail for. Thread-safe.
 */
final class KeyUseRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(KeyUseRecorder.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    private final ApiKeyRepository store;
    private final LongSupplier nanoClock;
    private final Map<String, Long> markedAt = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    KeyUseRecorder(ApiKeyRepository store, LongSupplier nanoClock) {
        this.store = store;
        this.nanoClock = nanoClock;
    }

    /** On the request path: a map lookup, and rarely an insert. */
    void used(String keyHash) {
        long now = nanoClock.getAsLong();
        Long last = markedAt.get(keyHash);
        if (last != null && now - last < EVERY.toNanos()) {
            return;
        }
        if (last == null ? markedAt.putIfAbsent(keyHash, now) == null : markedAt.replace(keyHash, last, now)) {
            pending.add(keyHash);
        }
    }

    /** Writes the pending marks; forgets marks older than {@link #EVERY} so the map stays as small as the use. */
    void flush() {
        List<String> batch = new ArrayList<>(pending);
        pending.removeAll(batch);
        long now = nanoClock.getAsLong();
        markedAt.values().removeIf(at -> now - at >= EVERY.toNanos());
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.touchApiKeys(batch, Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("Could not record the last use of {} API keys (they are recorded at their next use): {}",
                    batch.size(), e.toString());
            batch.forEach(markedAt::remove);
        }
    }
}
