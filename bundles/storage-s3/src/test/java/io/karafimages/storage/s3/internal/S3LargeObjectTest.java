package io.karafimages.storage.s3.internal;

import static io.karafimages.storage.s3.internal.S3ProxySettings.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.testsupport.S3Proxy;

/**
 * Runs in its own surefire execution with {@code -Xmx256m} (see the pom): a 50 MB object is written from a
 * generated stream and read back through a digest, so the round trip only passes if neither direction
 * buffers the whole object (the JDK HTTP client would copy a buffered body again and again).
 */
class S3LargeObjectTest {
    private static final long SIZE = 50L * 1000 * 1000;

    @TempDir
    Path dir;

    @Test
    void fiftyMegabytesRoundTripInA256MegabyteHeap() throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L * 1024 * 1024 * 11 / 10,
                "this test must run with -Xmx256m, it runs with " + Runtime.getRuntime().maxMemory());
        try (S3Proxy server = new S3Proxy(dir).start()) {
            S3BlobStore store = new S3BlobStore(settings(server, "large-objects"));
            try {
                store.put("fifty-megabytes", TestStreams.generated(42, SIZE, -1), SIZE);
                try (InputStream in = store.open("fifty-megabytes")) {
                    assertEquals(TestStreams.sha256(TestStreams.generated(42, SIZE, -1)), TestStreams.sha256(in));
                }
            } finally {
                store.close();
            }
        }
    }
}
