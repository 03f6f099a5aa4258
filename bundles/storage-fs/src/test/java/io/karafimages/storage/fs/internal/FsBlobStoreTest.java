package io.karafimages.storage.fs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;

/**
 * What is particular to the file store; what every store promises is checked by the public contract in
 * {@link FsBlobStoreContractTest}.
 */
class FsBlobStoreTest {
    private static final String KEY = "0123456789abcdef";

    @TempDir
    Path dir;

    /** Downloads open files of this store in their turn (images.rest download.concurrency). */
    @Test
    void filesOnThisNodesDiskAreNotRemote() {
        assertFalse(new FsBlobStore(dir).remote());
    }

    @Test
    void noTemporaryFileStaysBehindWhetherAWriteSucceedsFailsOrIsShort() throws IOException {
        FsBlobStore store = new FsBlobStore(dir);
        byte[] data = { 1, 2, 3, 4 };
        store.put(KEY, new ByteArrayInputStream(data), data.length);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        ImagesException e = assertThrows(ImagesException.class, () -> store.put("failed-write-key", broken, 10));
        assertEquals("storage_unavailable", e.code());
        assertThrows(IllegalArgumentException.class,
                () -> store.put("short-write-key", new ByteArrayInputStream(new byte[10]), 20));

        assertEquals(List.of(KEY), regularFiles(), "only the written object; no temporary files stay behind");
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("failed-write-key")).httpStatus());
    }

    @Test
    void aStreamLongerThanAnnouncedStoresNothing() throws IOException {
        FsBlobStore store = new FsBlobStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.put(KEY, new ByteArrayInputStream(new byte[20]), 10));
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open(KEY)).httpStatus());
        assertEquals(List.of(), regularFiles());
    }

    @Test
    void anUnknownLengthStoresTheWholeStream() throws IOException {
        FsBlobStore store = new FsBlobStore(dir);
        byte[] data = { 5, 6, 7 };
        store.put(KEY, new ByteArrayInputStream(data), -1);
        try (InputStream in = store.open(KEY)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void refusesKeysThatCouldEscapeTheDirectory() {
        FsBlobStore store = new FsBlobStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.open("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.open("short"));
    }

    private List<String> regularFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
