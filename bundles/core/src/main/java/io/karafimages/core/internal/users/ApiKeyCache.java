package io.karafimages.core.internal.users;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.karafimages.core.internal.store.ApiKeyRecord;

/**
 * Recently looked-up API keys by hash (never by the key itself), so that a request needs no database read for its
 * key. Bounded twice: at most {@code maxEntries} (least recently used goes first), and each entry for at most
 * {@code ttl}, which is how long a revocation or a disabled user made on another node can take to reach this one.
 * Changes made through this node drop their entries at once ({@link #invalidate}). An entry keeps the key's expiry,
 * which the caller checks on every use, so an expired key stops at its expiry even while cached. Thread-safe.
 */
final class ApiKeyCache {
    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries;

    private record Entry(ApiKeyRecord key, long loadedAt) {
    }

    /** @param ttl zero: nothing is cached */
    ApiKeyCache(int maxEntries, Duration ttl, LongSupplier nanoClock) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    synchronized Optional<ApiKeyRecord> get(String keyHash) {
        Entry e = entries.get(keyHash);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - e.loadedAt() >= ttlNanos) {
            entries.remove(keyHash);
            return Optional.empty();
        }
        return Optional.of(e.key());
    }

    synchronized void put(ApiKeyRecord key) {
        if (ttlNanos <= 0 || maxEntries == 0) {
            return;
        }
        entries.put(key.keyHash(), new Entry(key, nanoClock.getAsLong()));
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    /** Drops every entry whose key matches, e.g. a revoked key or all keys of a disabled user. */
    synchronized void invalidate(Predicate<ApiKeyRecord> which) {
        entries.values().removeIf(e -> which.test(e.key()));
    }

    synchronized int size() {
        return entries.size();
    }
}
