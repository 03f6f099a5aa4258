package io.karafimages.keys.vault.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Unwrapped data keys for a short time, bounded in count (least recently used first out). Holds its own copies
 * and hands out copies, so callers may wipe what they get; every key leaving the cache is wiped. Thread-safe.
 */
final class DataKeyCache {
    private record Entry(byte[] key, long expiresAt) {
    }

    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            if (size() > maxEntries) {
                wipe(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    DataKeyCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    synchronized Optional<byte[]> get(String userId, String wrapped) {
        String k = key(userId, wrapped);
        Entry e = entries.get(k);
        if (e == null) {
            return Optional.empty();
        }
        if (clock.millis() >= e.expiresAt()) {
            entries.remove(k);
            wipe(e);
            return Optional.empty();
        }
        return Optional.of(e.key().clone());
    }

    synchronized void put(String userId, String wrapped, byte[] plaintext) {
        if (ttlMillis <= 0 || maxEntries <= 0) {
            return;
        }
        Entry previous = entries.put(key(userId, wrapped), new Entry(plaintext.clone(), clock.millis() + ttlMillis));
        if (previous != null) {
            wipe(previous);
        }
    }

    /** Wipes and drops one key (its embed was deleted: the key is destroyed). */
    synchronized void remove(String userId, String wrapped) {
        Entry e = entries.remove(key(userId, wrapped));
        if (e != null) {
            wipe(e);
        }
    }

    /** Wipes and drops expired keys, so plaintext does not outlive the TTL in an idle cache. */
    synchronized void purgeExpired() {
        long now = clock.millis();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (now >= e.expiresAt()) {
                wipe(e);
                it.remove();
            }
        }
    }

    synchronized void clear() {
        entries.values().forEach(DataKeyCache::wipe);
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    private static String key(String userId, String wrapped) {
        return userId + '\u0000' + wrapped;
    }

    private static void wipe(Entry e) {
        Arrays.fill(e.key(), (byte) 0);
    }
}
