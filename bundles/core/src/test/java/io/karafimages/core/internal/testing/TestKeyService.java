package io.karafimages.core.internal.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;

/** Wraps data keys with AES-GCM under one in-memory key, bound to the user id. */
public final class TestKeyService implements KeyService {
    private final byte[] kek = new byte[32];
    private final String id;
    /** What {@link #remote()} answers (the default of the SPI: true). */
    public volatile boolean remote = true;
    /** Wrapped keys destroyed so far; unwrapping one fails, as it would in a service that kept state per key. */
    public final Set<String> destroyed = ConcurrentHashMap.newKeySet();
    /** How many times {@link #unwrap} was called. */
    public final java.util.concurrent.atomic.AtomicInteger unwraps = new java.util.concurrent.atomic.AtomicInteger();

    public TestKeyService(String id) {
        this.id = id;
        new SecureRandom().nextBytes(kek);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DataKey newDataKey(String userId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new DataKey(key, id + ":" + Base64.getEncoder().encodeToString(
                EnvelopeCrypto.seal(kek, key, userId.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public byte[] unwrap(String userId, String wrapped) {
        unwraps.incrementAndGet();
        if (destroyed.contains(wrapped)) {
            throw new io.karafimages.api.ImagesException("key_unwrap_failed", 500, false, "The key was destroyed.");
        }
        return EnvelopeCrypto.open(kek, Base64.getDecoder().decode(wrapped.substring(id.length() + 1)),
                userId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void destroy(String userId, String wrapped) {
        destroyed.add(wrapped);
    }

    @Override
    public boolean remote() {
        return remote;
    }
}
