package io.karafimages.storage.s3.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.spi.storage.BlobStore;
import io.karafimages.testkit.BlobStoreContract;
import io.karafimages.testsupport.S3Proxy;

/**
 * The public blob store contract of the testkit against a real S3 API (s3proxy on 127.0.0.1), with the default
 * test settings: single PUTs up to 8 MiB, so the contract's 12 MiB object is a multipart upload.
 */
class S3BlobStoreContractTest extends BlobStoreContract {
    @TempDir
    static Path dir;
    private static S3Proxy server;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws IOException {
        server = new S3Proxy(dir).start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    protected BlobStore store() {
        store = new S3BlobStore(settings(server));
        return store;
    }

    S3Settings settings(S3Proxy s3) {
        return S3ProxySettings.settings(s3, "contract");
    }
}
