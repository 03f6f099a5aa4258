package io.karafimages.core.internal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;

/** A blob store in memory that can be told to fail its next writes. */
public final class MemoryBlobStore implements BlobStore {
    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    public final AtomicInteger failingPuts = new AtomicInteger();
    private final String id;
    /** What {@link #remote()} answers (the default of the SPI: true). */
    public volatile boolean remote = true;

    public MemoryBlobStore(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void put(String key, InputStream data, long length) {
        if (failingPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ImagesException.unavailable("storage_unavailable", "simulated storage outage", null, null);
        }
        try {
            objects.put(key, data.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        byte[] b = objects.get(key);
        if (b == null) {
            throw ImagesException.notFound("Stored object");
        }
        return new java.io.ByteArrayInputStream(b);
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public boolean remote() {
        return remote;
    }
}
