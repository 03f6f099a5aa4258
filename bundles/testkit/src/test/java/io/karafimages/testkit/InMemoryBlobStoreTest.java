package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;

/** The in-memory store against the public contract, plus its test switches. */
class InMemoryBlobStoreTest extends BlobStoreContract {
    private final InMemoryBlobStore store = new InMemoryBlobStore();

    @Override
    protected BlobStore store() {
        return store;
    }

    @Test
    void aSwitchedOffStoreFailsEveryCallWithARetryable503AndRecovers() throws IOException {
        store.put("kept-while-down", new ByteArrayInputStream(new byte[] { 1 }), 1);
        store.setAvailable(false);
        for (ImagesException e : new ImagesException[] {
                assertThrows(ImagesException.class,
                        () -> store.put("k1234567", new ByteArrayInputStream(new byte[1]), 1)),
                assertThrows(ImagesException.class, () -> store.open("kept-while-down")),
                assertThrows(ImagesException.class, () -> store.delete("kept-while-down")) }) {
            assertEquals("storage_unavailable", e.code());
            assertEquals(503, e.httpStatus());
            assertTrue(e.retryable());
        }
        assertEquals("down: switched off by the test", store.health());

        store.setAvailable(true);
        try (InputStream in = store.open("kept-while-down")) {
            assertArrayEquals(new byte[] { 1 }, in.readAllBytes());
        }
        assertEquals(Set.of("kept-while-down"), store.keys());
    }

    @Test
    void aStreamLongerThanAnnouncedIsRefusedToo() {
        assertThrows(IllegalArgumentException.class,
                () -> store.put("too-long-key", new ByteArrayInputStream(new byte[5]), 4));
        assertTrue(store.keys().isEmpty());
    }

    @Test
    void bytesGivesACopyForAssertions() {
        store.put("copy-key", new ByteArrayInputStream(new byte[] { 7, 8 }), 2);
        byte[] copy = store.bytes("copy-key").orElseThrow();
        copy[0] = 0;
        assertArrayEquals(new byte[] { 7, 8 }, store.bytes("copy-key").orElseThrow());
        assertTrue(store.bytes("absent-key").isEmpty());
    }
}
