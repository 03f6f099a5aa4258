package io.karafimages.spi.storage;

import java.io.InputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Stores opaque ciphertext objects under opaque keys. The core encrypts before it calls {@link #put} and
 * records {@link #id()} with every object, so objects stay readable after the active store changes.
 * Implementations must be thread-safe; a failed {@link #put} must leave no visible object.
 */
@ConsumerType
public interface BlobStore {
    /** Stable backend id such as {@code fs} or {@code s3}; recorded with every object. */
    String id();

    /**
     * Writes an object atomically.
     *
     * @throws io.karafimages.api.ImagesException 503 {@code storage_unavailable} (retryable) on I/O faults
     */
    void put(String key, InputStream data, long length);

    /**
     * Opens an object for streaming.
     *
     * @throws io.karafimages.api.ImagesException 404 when absent, 503 {@code storage_unavailable}
     */
    InputStream open(String key);

    /** Deletes an object if present; idempotent. */
    void delete(String key);

    /**
     * Whether {@link #open} waits for another server (an object store such as S3); false only for a store on this
     * node's own disk. A download opens the objects of a remote store outside its turn (README "Configuration",
     * {@code download.concurrency}), so that the round trip holds none.
     *
     * @since 1.1
     */
    default boolean remote() {
        return true;
    }

    /** A short state for the health endpoint: {@code up} or a reason. */
    default String health() {
        return "up";
    }
}
