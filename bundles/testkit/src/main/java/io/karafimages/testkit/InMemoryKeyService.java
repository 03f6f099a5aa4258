package io.karafimages.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.testkit.internal.Aes;

/**
 * A {@link KeyService} in memory, built like the local one: each user has a random 256-bit key-encryption key
 * (KEK), kept only sealed under an in-memory master key; data keys are wrapped with AES-256-GCM under the
 * user's KEK and bound to the user id, so another user's KEK cannot unwrap them. The plaintext of a data key is
 * never kept: {@link #unwrap} decrypts afresh each time and returns a new array. Passes
 * {@link KeyServiceContract}.
 *
 * <p>A test can switch the service off to see how its code copes: every call then fails closed with a retryable
 * 503 {@code keys_unavailable}. Thread-safe.
 */
@ProviderType
public final class InMemoryKeyService implements KeyService {
    private static final String PREFIX = "memory:v1:";

    /** What a real backend would persist: the master key and the sealed KEKs. Shared by {@link #secondInstance}. */
    private record Store(byte[] master, Map<String, byte[]> sealedKeks) {
    }

    private final Store store;
    private volatile boolean available = true;

    /** A service with a fresh random master key and no users yet. */
    public InMemoryKeyService() {
        this(new Store(Aes.random(32), new ConcurrentHashMap<>()));
    }

    private InMemoryKeyService(Store store) {
        this.store = store;
    }

    /**
     * Another instance over the same stored keys, like a second node or a restart: it unwraps what this one
     * wrapped. Its availability switch is its own.
     */
    public InMemoryKeyService secondInstance() {
        return new InMemoryKeyService(store);
    }

    /** Switches the service off ({@code false}: every call fails with 503 {@code keys_unavailable}) or on. */
    public void setAvailable(boolean value) {
        this.available = value;
    }

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public DataKey newDataKey(String userId) {
        checkAvailable();
        byte[] kek = kek(Objects.requireNonNull(userId, "userId"));
        try {
            byte[] key = Aes.random(32);
            byte[] wrapped = Aes.seal(kek, key, aad("dek", userId));
            return new DataKey(key, PREFIX + Base64.getEncoder().encodeToString(wrapped));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    @Override
    public byte[] unwrap(String userId, String wrapped) {
        Objects.requireNonNull(userId, "userId");
        if (wrapped == null || !wrapped.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a key wrapped by the in-memory key service");
        }
        checkAvailable();
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(wrapped.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw unwrapFailed(e);
        }
        byte[] kek = kek(userId);
        try {
            return Aes.open(kek, sealed, aad("dek", userId));
        } catch (GeneralSecurityException e) {
            throw unwrapFailed(e);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    @Override
    public String health() {
        return available ? "up" : "down: switched off by the test";
    }

    /** The user's KEK in plaintext, a fresh copy the caller wipes; created sealed on first use. */
    private byte[] kek(String userId) {
        byte[] sealed = store.sealedKeks().computeIfAbsent(userId,
                id -> Aes.seal(store.master(), Aes.random(32), aad("kek", id)));
        try {
            return Aes.open(store.master(), sealed, aad("kek", userId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed KEK does not open under the master key", e);
        }
    }

    private void checkAvailable() {
        if (!available) {
            throw ImagesException.unavailable("keys_unavailable", "The in-memory key service is switched off.",
                    Duration.ofSeconds(10), null);
        }
    }

    private static ImagesException unwrapFailed(Exception cause) {
        return new ImagesException("key_unwrap_failed", 500, false,
                "A wrapped key does not belong to this user or this key service.", null, cause);
    }

    private static byte[] aad(String purpose, String userId) {
        return (purpose + "|" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
