package io.karafimages.spi.keys;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Per-user key-encryption keys. Makes data keys and unwraps them again; never stores a plaintext data key.
 * Implementations must be thread-safe and fail closed: when the key backend is unreachable they throw a
 * retryable 503 {@code keys_unavailable}, never fall back to plaintext.
 */
@ConsumerType
public interface KeyService {
    /** Stable backend id such as {@code local} or {@code vault}; recorded with every wrapped key. */
    String id();

    /** A new random 256-bit data key, wrapped for the user (whose key is created on first use). */
    DataKey newDataKey(String userId);

    /** The plaintext of a key that {@link #newDataKey} wrapped for the same user. */
    byte[] unwrap(String userId, String wrapped);

    /** A short state for the health endpoint: {@code up} or a reason. */
    default String health() {
        return "up";
    }
}
