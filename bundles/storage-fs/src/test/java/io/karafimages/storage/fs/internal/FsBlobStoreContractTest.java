package io.karafimages.storage.fs.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.karafimages.spi.storage.BlobStore;
import io.karafimages.testkit.BlobStoreContract;

/** The public blob store contract of the testkit, on a file store in a fresh temporary directory per test. */
class FsBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    Path dir;

    @Override
    protected BlobStore store() {
        return new FsBlobStore(dir);
    }
}
