package io.karafimages.storage.fs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;

class FsBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesReadsAndDeletes() throws IOException {
        FsBlobStore store = new FsBlobStore(dir);
        byte[] data = { 1, 2, 3, 4 };
        store.put("0123456789abcdef", new ByteArrayInputStream(data), data.length);
        try (InputStream in = store.open("0123456789abcdef")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(1, files.filter(Files::isRegularFile).count(), "no temporary files stay behind");
        }
        store.delete("0123456789abcdef");
        store.delete("0123456789abcdef");
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("0123456789abcdef")).httpStatus());
    }

    @Test
    void refusesKeysThatCouldEscapeTheDirectory() {
        FsBlobStore store = new FsBlobStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.open("../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.open("short"));
    }

    @Test
    void aFailedWriteLeavesNothingVisible() {
        FsBlobStore store = new FsBlobStore(dir);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        ImagesException e = assertThrows(ImagesException.class, () -> store.put("0123456789abcdef", broken, 10));
        assertEquals("storage_unavailable", e.code());
        assertEquals(404, assertThrows(ImagesException.class, () -> store.open("0123456789abcdef")).httpStatus());
    }
}
