package io.karafimages.core.internal.users;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.karafimages.core.internal.store.ApiKeyRecord;

/**
 * Recently looked-up API keys by hash (never by the key itself), so that a request needs no database read for its
 * key. Bounded twice: at most {@code maxEntries}, and each entry for at most {@code ttl}, which is how long a
 * revocation or a disabled user made on another node can take to reach this one. Changes made through this node drop
 * their entries at once ({@link #invalidate}). An entry keeps the key's expiry, which the caller checks on every use,
 * so an expired key stops at its expiry even while cached. Thread-safe.
 *
 * <p>A look-up takes no lock: every authenticated request passes here, and a lock that every request takes
 * serialises the request threads behind whichever of them the OS has just preempted while holding it (a JFR
 * recording of the download benchmark showed 287 waits of over 10 ms each in 10 s on the earlier synchronized
 * LRU map). When a new entry makes the cache overflow, the entries loaded longest ago go first, down to 90 % of
 * the bound, so the scan runs once per tenth of the bound's insertions, not on every one.
 */
final class ApiKeyCache {
    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(ApiKeyRecord key, long loadedAt) {
    }

    /** @param ttl zero: nothing is cached */
    ApiKeyCache(int maxEntries, Duration ttl, LongSupplier nanoClock) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    Optional<ApiKeyRecord> get(String keyHash) {
        Entry e = entries.get(keyHash);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - e.loadedAt() >= ttlNanos) {
            entries.remove(keyHash, e);
            return Optional.empty();
        }
        return Optional.of(e.key());
    }

    void put(ApiKeyRecord key) {
        if (ttlNanos <= 0 || maxEntries == 0) {
            return;
        }
        entries.put(key.keyHash(), new Entry(key, nanoClock.getAsLong()));
        if (entries.size() > maxEntries) {
            evictOldest(key.keyHash());
        }
    }

    /** @param justLoaded never evicted here, even if loaded in the same clock tick as older entries */
    private synchronized void evictOldest(String justLoaded) { // one evicting thread at a time; readers never wait
        int excess = entries.size() - (maxEntries - maxEntries / 10);
        if (excess <= 0 || entries.size() <= maxEntries) {
            return;
        }
        entries.entrySet().stream()
                .filter(e -> !e.getKey().equals(justLoaded))
                .sorted(Comparator.comparingLong(e -> e.getValue().loadedAt()))
                .limit(excess)
                .toList()
                .forEach(e -> entries.remove(e.getKey(), e.getValue()));
    }

    /** Drops every entry whose key matches, e.g. a revoked key or all keys of a disabled user. */
    void invalidate(Predicate<ApiKeyRecord> which) {
        entries.values().removeIf(e -> which.test(e.key()));
    }

    int size() {
        return entries.size();
    }
}
