package io.karafimages.provider.onnx.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the native-library copies earlier JVMs left behind. ONNX Runtime copies its natives (21 MB on linux-x64)
 * into a fresh {@code onnxruntime-java<random>} directory under {@code java.io.tmpdir} each time its classes are
 * loaded (every start or update of this bundle) and only marks them delete-on-exit, directory first, so a clean stop
 * leaves an empty directory and a killed JVM leaves all 21 MB, in Karaf's {@code data/tmp} for good (checked in
 * Karaf 4.4.10). Directories last modified well before this JVM started cannot be in use by it; on Linux even a
 * library another live process mapped stays valid once unlinked. Best effort: what cannot be deleted stays.
 * Stateless.
 */
final class StaleNativeCopies {
    static final String PREFIX = "onnxruntime-java";
    private static final Logger LOG = LoggerFactory.getLogger(StaleNativeCopies.class);
    /** Margin before this JVM's start, so a process that extracts right now is never touched. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private StaleNativeCopies() {
    }

    /** Cleans {@code java.io.tmpdir} of copies older than this JVM. */
    static void removeFromTempDir() {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        removeOlderThan(Path.of(System.getProperty("java.io.tmpdir")), jvmStart.minus(MARGIN));
    }

    /** Deletes {@value #PREFIX}* directories (and their files) last modified before {@code cutoff}; the count. */
    static int removeOlderThan(Path tempDir, Instant cutoff) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempDir, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)
                        && deleted(dir)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not look for stale ONNX Runtime libraries in {}: {}", tempDir, e.toString());
        }
        if (removed > 0) {
            LOG.info("Removed {} copies of the ONNX Runtime native libraries that earlier runs left in {}", removed,
                    tempDir);
        }
        return removed;
    }

    /** Deletes the directory's files (it holds no subdirectories) and then the directory. */
    private static boolean deleted(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            LOG.debug("Could not delete the stale ONNX Runtime copy {}: {}", dir, e.toString());
            return false;
        }
    }
}
