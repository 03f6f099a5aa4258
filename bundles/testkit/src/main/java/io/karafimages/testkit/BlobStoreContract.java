package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;
import io.karafimages.testkit.internal.TestStreams;

/**
 * What every {@link BlobStore} promises, as JUnit 5 tests. Extend it in your store's test and return the store:
 *
 * <pre>{@code
 * class MyBlobStoreTest extends BlobStoreContract {
 *     @Override
 *     protected BlobStore store() {
 *         return new MyBlobStore(...);
 *     }
 * }
 * }</pre>
 *
 * The tests write only random keys of 32 hexadecimal characters, so one store may serve all of them. Close
 * what {@link #store()} opened in an {@code @AfterEach} of your own. New tests may be added in minor versions.
 */
@ConsumerType
public abstract class BlobStoreContract {
    private BlobStore store;

    /**
     * The store under test; called once in each test, when the test first needs it (after your own
     * {@code @BeforeEach} methods ran).
     */
    protected abstract BlobStore store();

    /** The size of the object in {@link #aLargeObjectRoundTripsAsAStream}; 12 MiB (several multipart parts). */
    protected long largeObjectSize() {
        return 12L * 1024 * 1024;
    }

    @AfterEach
    public final void forgetStore() {
        store = null;
    }

    @Test
    public void idIsStableAndHasNoSpaces() {
        String id = subject().id();
        assertFalse(id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace), "id: '" + id + "'");
        assertEquals(id, subject().id(), "the id is recorded with every object: it must not change");
    }

    @Test
    public void anObjectReadsBackByteForByte() throws IOException {
        String key = newKey();
        byte[] data = TestStreams.bytes(7, 70_000);
        subject().put(key, new ByteArrayInputStream(data), data.length);
        assertArrayEquals(data, read(key));
        assertArrayEquals(data, read(key), "an object can be read more than once");
    }

    @Test
    public void anEmptyObjectRoundTrips() throws IOException {
        String key = newKey();
        subject().put(key, new ByteArrayInputStream(new byte[0]), 0);
        assertArrayEquals(new byte[0], read(key));
    }

    @Test
    public void writingAKeyAgainReplacesItsObject() throws IOException {
        // a retried task may write the same key twice; the second write must win, not fail
        String key = newKey();
        subject().put(key, new ByteArrayInputStream(new byte[] { 1, 2, 3 }), 3);
        subject().put(key, new ByteArrayInputStream(new byte[] { 4, 5 }), 2);
        assertArrayEquals(new byte[] { 4, 5 }, read(key));
    }

    @Test
    public void deleteRemovesAnObjectAndIsIdempotent() {
        String key = newKey();
        subject().put(key, new ByteArrayInputStream(new byte[] { 9 }), 1);
        subject().delete(key);
        assertNotFound(key);
        subject().delete(key);
        subject().delete(newKey()); // never written
    }

    @Test
    public void aMissingObjectIsNotFound() {
        assertNotFound(newKey());
    }

    @Test
    public void aFailedWriteLeavesNoObject() {
        String key = newKey();
        long length = 256 * 1024;
        ImagesException e = assertThrows(ImagesException.class,
                () -> subject().put(key, TestStreams.generated(3, length, length / 2), length));
        assertUnavailable(e);
        assertNotFound(key);
    }

    @Test
    public void aFailedOverwriteKeepsTheOlderObject() throws IOException {
        String key = newKey();
        byte[] older = TestStreams.bytes(5, 1000);
        subject().put(key, new ByteArrayInputStream(older), older.length);
        long length = 256 * 1024;
        assertUnavailable(assertThrows(ImagesException.class,
                () -> subject().put(key, TestStreams.generated(6, length, length / 2), length)));
        assertArrayEquals(older, read(key), "a write is atomic: readers see the old object or the new one");
    }

    @Test
    public void aStreamShorterThanAnnouncedStoresNothing() {
        String key = newKey();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> subject().put(key, new ByteArrayInputStream(new byte[10]), 20));
        assertTrue(e instanceof IllegalArgumentException || e instanceof ImagesException,
                "a short stream is the caller's fault (IllegalArgumentException) or a failed write, not " + e);
        assertNotFound(key);
    }

    @Test
    public void aLargeObjectRoundTripsAsAStream() throws IOException {
        String key = newKey();
        long size = largeObjectSize();
        subject().put(key, TestStreams.generated(42, size, -1), size);
        try (InputStream in = subject().open(key)) {
            assertEquals(TestStreams.sha256(TestStreams.generated(42, size, -1)), TestStreams.sha256(in));
        }
    }

    @Test
    public void concurrentWritersOfDifferentKeysAllSucceed() throws Exception {
        BlobStore shared = subject();
        List<String> keys = new ArrayList<>();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = newKey();
            byte[] data = TestStreams.bytes(i, 4096 + i);
            keys.add(key);
            writers.add(() -> {
                shared.put(key, new ByteArrayInputStream(data), data.length);
                return null;
            });
        }
        TestStreams.runTogether(writers);
        for (int i = 0; i < keys.size(); i++) {
            assertArrayEquals(TestStreams.bytes(i, 4096 + i), read(keys.get(i)), keys.get(i));
        }
    }

    @Test
    public void healthIsUpWhileTheStoreWorks() {
        String key = newKey();
        subject().put(key, new ByteArrayInputStream(new byte[] { 1 }), 1);
        assertEquals("up", subject().health());
    }

    private BlobStore subject() {
        if (store == null) {
            store = store();
        }
        return store;
    }

    /** A random key of 32 hexadecimal characters, acceptable to every subject(). */
    protected static String newKey() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = subject().open(key)) {
            return in.readAllBytes();
        }
    }

    private void assertNotFound(String key) {
        ImagesException e = assertThrows(ImagesException.class, () -> subject().open(key).close());
        assertEquals(404, e.httpStatus(), e.getMessage());
        assertEquals("not_found", e.code());
        assertFalse(e.retryable());
    }

    private static void assertUnavailable(ImagesException e) {
        assertEquals("storage_unavailable", e.code(), e.getMessage());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable(), "an I/O fault is retryable");
    }
}
