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

    /**
     * Destroys a data key: the caller is about to delete the only stored copy of {@code wrapped} for good
     * (crypto-shredding). A service that caches unwrapped keys drops them; one that keeps state per data key
     * deletes it. Afterwards nothing this service holds can unwrap it again. Idempotent. The default does nothing:
     * for a service that keeps no state per data key, deleting the wrapped key destroys it.
     *
     * @since 1.1
     */
    default void destroy(String userId, String wrapped) {
    }

    /**
     * Whether {@link #unwrap} may wait for another server (a key service such as Vault, also when it caches);
     * false only for keys this node holds itself. A download opens the files of a remote service outside its turn
     * (README "Configuration", {@code download.concurrency}), so that the round trip holds none.
     *
     * @since 1.2
     */
    default boolean remote() {
        return true;
    }

    /** A short state for the health endpoint: {@code up} or a reason. */
    default String health() {
        return "up";
    }
}
