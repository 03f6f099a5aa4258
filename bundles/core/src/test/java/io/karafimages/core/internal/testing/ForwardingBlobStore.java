package io.karafimages.core.internal.testing;

import java.io.InputStream;

import io.karafimages.spi.storage.BlobStore;

/** A blob store that passes every call on to another; a test overrides the one call it watches, holds or breaks. */
public class ForwardingBlobStore implements BlobStore {
    protected final BlobStore delegate;

    public ForwardingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public void put(String key, InputStream data, long length) {
        delegate.put(key, data, length);
    }

    @Override
    public InputStream open(String key) {
        return delegate.open(key);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public String health() {
        return delegate.health();
    }
}
