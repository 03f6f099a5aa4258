package io.karafimages.core.internal.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A runtime's persistent node id (kept in {@code data/images/node-id}). It survives restarts, so a task leased
 * by this node before a crash is known to be orphaned as soon as the node starts again.
 */
final class NodeIdentity {
    private NodeIdentity() {
    }

    static String load(Path dataDir) {
        Path file = dataDir.resolve("node-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            String id = "node-" + UUID.randomUUID();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the node id in " + file, e);
        }
    }
}
