package io.karafimages.storage.s3.internal;

import static io.karafimages.storage.s3.internal.S3ProxySettings.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.S3Proxy;

/**
 * What is particular to the S3 store, against a real S3 API (s3proxy on 127.0.0.1); what every store promises is
 * checked by the public contract in {@link S3BlobStoreContractTest}.
 */
class S3BlobStoreTest {
    private static final int MIB = S3Settings.MIB;

    @TempDir
    static Path dir;
    private static S3Proxy server;
    /** A plain SDK client on the same server, to look at what the store wrote. */
    private static S3Connection inspector;
    private S3BlobStore store;

    @BeforeAll
    static void startServer() throws IOException {
        server = new S3Proxy(dir).start();
        inspector = S3Connection.open(settings(server, "inspector"));
    }

    @AfterAll
    static void stopServer() {
        inspector.close();
        server.stop();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void createsTheBucketAtActivation() {
        store = new S3BlobStore(settings(server, "made-at-activation"));
        inspector.s3.headBucket(b -> b.bucket("made-at-activation"));
        assertTrue(store.remote(), "downloads open S3 objects outside their turn");
    }

    @Test
    void objectsAreStoredAsOctetStreamWhetherSingleOrMultipart() throws IOException {
        store = new S3BlobStore(settings(server, "content-types", S3Proxy.CREDENTIAL, 5, 5));
        store.put("single-part-key", new ByteArrayInputStream(new byte[1000]), 1000);
        long size = 12L * MIB;
        store.put("multi-part-key", TestStreams.generated(7, size, -1), size);

        for (String key : new String[] { "single-part-key", "multi-part-key" }) {
            var head = inspector.s3.headObject(b -> b.bucket("content-types").key(key));
            assertEquals("application/octet-stream", head.contentType(), key);
        }
        assertEquals(size, inspector.s3.headObject(b -> b.bucket("content-types").key("multi-part-key"))
                .contentLength());
        try (InputStream in = store.open("multi-part-key")) {
            assertEquals(TestStreams.sha256(TestStreams.generated(7, size, -1)), TestStreams.sha256(in));
        }
    }

    @Test
    void aFailedMultipartUploadLeavesNoObjectAndNoUpload() {
        store = new S3BlobStore(settings(server, "failed-multipart", S3Proxy.CREDENTIAL, 5, 5));
        long size = 12L * MIB;
        // the source breaks in the middle of the second part, after the first part was stored
        ImagesException e = assertThrows(ImagesException.class,
                () -> store.put("broken-upload-key", TestStreams.generated(1, size, 7L * MIB), size));
        assertEquals("storage_unavailable", e.code());

        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("broken-upload-key")).httpStatus());
        assertTrue(inspector.s3.listMultipartUploads(b -> b.bucket("failed-multipart")).uploads().isEmpty(),
                "the multipart upload was aborted");
    }

    @Test
    void aShortStreamStoresNothing() {
        store = new S3BlobStore(settings(server, "short-streams", S3Proxy.CREDENTIAL, 5, 5));
        assertThrows(IllegalArgumentException.class,
                () -> store.put("short-single-key", new ByteArrayInputStream(new byte[10]), 20));
        long announced = 11L * MIB;
        assertThrows(IllegalArgumentException.class,
                () -> store.put("short-multi-key", TestStreams.generated(3, 6L * MIB, -1), announced));
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("short-single-key")).httpStatus());
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("short-multi-key")).httpStatus());
    }

    @Test
    void aWrongSecretGivesAClearNonRetryableError() {
        store = new S3BlobStore(settings(server, "chatfiles", "not-the-secret", 8, 8));
        ImagesException e = assertThrows(ImagesException.class,
                () -> store.put("0123456789abcdef", new ByteArrayInputStream(new byte[4]), 4));
        assertEquals("storage_access_denied", e.code());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("secret.access.key"), e.getMessage());
        ImagesException read = assertThrows(ImagesException.class, () -> store.open("0123456789abcdef"));
        assertEquals("storage_access_denied", read.code());
        assertTrue(read.getMessage().contains("secret.access.key"), read.getMessage());
        assertTrue(store.health().startsWith("down: access denied by S3"), store.health());
    }

    @Test
    void missingObjectsAreNotFound() {
        store = new S3BlobStore(settings(server, "chatfiles"));
        ImagesException e = assertThrows(ImagesException.class, () -> store.open("never-written-key"));
        assertEquals("not_found", e.code());
        assertEquals("Stored object not found", e.getMessage());
    }
}
