package io.karafimages.provider.onnx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleNativeCopiesTest {
    @TempDir
    Path tmp;

    private Path copy(String name, Instant modified) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.write(dir.resolve("libonnxruntime.so"), new byte[] { 1, 2, 3 });
        Files.write(dir.resolve("libonnxruntime4j_jni.so"), new byte[] { 4 });
        Files.setLastModifiedTime(dir, FileTime.from(modified)); // after the files, which touch it
        return dir;
    }

    @Test
    void onlyOnnxRuntimeCopiesOlderThanTheCutoffAreRemoved() throws IOException {
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(1));
        Path old = copy("onnxruntime-java123", cutoff.minus(Duration.ofHours(5)));
        Path fresh = copy("onnxruntime-java456", cutoff.plus(Duration.ofSeconds(30)));
        Path unrelated = copy("webp-imageio-1", cutoff.minus(Duration.ofHours(5)));

        assertEquals(1, StaleNativeCopies.removeOlderThan(tmp, cutoff));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh.resolve("libonnxruntime.so")));
        assertTrue(Files.exists(unrelated.resolve("libonnxruntime.so")));
    }

    @Test
    void aMissingTempDirectoryIsNoError() {
        assertEquals(0, StaleNativeCopies.removeOlderThan(tmp.resolve("absent"), Instant.now()));
    }
}
