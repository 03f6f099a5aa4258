package io.karafimages.storage.s3.internal;

import static io.karafimages.storage.s3.internal.S3ProxySettings.settings;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.testsupport.S3Proxy;

/** S3 going away and coming back: the store answers retryable 503s meanwhile and recovers by itself. */
class S3OutageTest {
    @TempDir
    Path dir;

    @Test
    void stoppedServerMeansRetryableUnavailableAndRestartRecovers() throws IOException {
        try (S3Proxy server = new S3Proxy(dir).start()) {
            S3BlobStore store = new S3BlobStore(settings(server, "outage"));
            try {
                byte[] before = { 1, 2, 3 };
                store.put("written-before-key", new ByteArrayInputStream(before), before.length);

                server.stop();
                ImagesException put = assertThrows(ImagesException.class,
                        () -> store.put("written-during-key", new ByteArrayInputStream(before), before.length));
                assertUnavailable(put);
                assertUnavailable(assertThrows(ImagesException.class, () -> store.open("written-before-key")));
                assertTrue(store.health().startsWith("down: S3 unreachable"), store.health());

                server.start();
                await("store healthy again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> store.health().equals("up"));
                byte[] after = { 4, 5, 6, 7 };
                store.put("written-after-key", new ByteArrayInputStream(after), after.length);
                try (InputStream in = store.open("written-after-key")) {
                    assertArrayEquals(after, in.readAllBytes());
                }
                try (InputStream in = store.open("written-before-key")) {
                    assertArrayEquals(before, in.readAllBytes());
                }
            } finally {
                store.close();
            }
        }
    }

    @Test
    void activationDoesNotFailWhileS3IsDownAndTheBucketIsMadeOnTheFirstWrite() throws IOException {
        try (S3Proxy server = new S3Proxy(dir)) {
            S3BlobStore store = new S3BlobStore(settings(server, "late-bucket"));
            try {
                assertUnavailable(assertThrows(ImagesException.class,
                        () -> store.put("late-object-key", new ByteArrayInputStream(new byte[1]), 1)));
                server.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .ignoreException(ImagesException.class)
                        .until(() -> {
                            store.put("late-object-key", new ByteArrayInputStream(new byte[] { 9 }), 1);
                            return true;
                        });
                try (InputStream in = store.open("late-object-key")) {
                    assertArrayEquals(new byte[] { 9 }, in.readAllBytes());
                }
            } finally {
                store.close();
            }
        }
    }

    private static void assertUnavailable(ImagesException e) {
        assertEquals("storage_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(5)), e.retryAfter());
    }
}
