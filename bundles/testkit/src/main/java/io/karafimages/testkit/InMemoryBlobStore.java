package io.karafimages.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;

/**
 * A {@link BlobStore} in a map, for tests of code that stores objects. It keeps the SPI's promises (a failed or
 * short write leaves no object and keeps an older one) and passes {@link BlobStoreContract}. A test can switch it
 * off to see how its code copes with an outage: every call then fails with a retryable 503
 * {@code storage_unavailable}, as the real stores do. Thread-safe.
 */
@ProviderType
public final class InMemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private volatile boolean available = true;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public void put(String key, InputStream data, long length) {
        checkKey(key);
        Objects.requireNonNull(data, "data");
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("length must be 0.." + (Integer.MAX_VALUE - 8) + " here, was " + length);
        }
        checkAvailable();
        byte[] bytes;
        try {
            // one byte more than announced tells a long stream from an exact one
            bytes = data.readNBytes((int) length + 1);
        } catch (IOException e) {
            throw unavailable(e);
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException("The stream for '" + key + "' has " + (bytes.length > length
                    ? "more" : "fewer") + " bytes than the announced " + length);
        }
        objects.put(key, bytes);
    }

    @Override
    public InputStream open(String key) {
        checkKey(key);
        checkAvailable();
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw ImagesException.notFound("Stored object");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        checkAvailable();
        objects.remove(key);
    }

    @Override
    public String health() {
        return available ? "up" : "down: switched off by the test";
    }

    /** Switches the store off ({@code false}: every call fails with 503 {@code storage_unavailable}) or on. */
    public void setAvailable(boolean value) {
        this.available = value;
    }

    /** The keys stored now. */
    public Set<String> keys() {
        return Set.copyOf(objects.keySet());
    }

    /** The bytes stored under {@code key}, a copy; for assertions that bypass {@link #open}. */
    public Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    private void checkAvailable() {
        if (!available) {
            throw unavailable(null);
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Object keys must not be blank");
        }
    }

    private static ImagesException unavailable(IOException cause) {
        return ImagesException.unavailable("storage_unavailable", "The in-memory store is unavailable.",
                Duration.ofSeconds(5), cause);
    }
}
