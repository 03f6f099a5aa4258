package io.karafimages.core.internal.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime's node id: a random id kept in {@code data/images/node-id}, bound to the host name and the real path
 * of that data directory. It survives restarts, so a task leased by this node before a crash is known to be
 * orphaned as soon as the node starts again. A copy of the data directory (a VM template, a container image built
 * after the first start, a restored snapshot) carries the file but runs under another host name or path, and so
 * gets another id: it cannot mistake the original's live leases for its own orphans.
 */
final class NodeIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);
    private static final Pattern STORED = Pattern.compile("node-[0-9a-f-]{36}");

    private NodeIdentity() {
    }

    static String load(Path dataDir) {
        return load(dataDir, hostName());
    }

    /** @param host the machine's name, part of the binding (a parameter so that tests can vary it) */
    static String load(Path dataDir, String host) {
        Path file = dataDir.resolve("node-id");
        try {
            Files.createDirectories(dataDir);
            String stored = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
            if (!STORED.matcher(stored).matches()) {
                if (!stored.isEmpty()) {
                    LOG.warn("The node id in {} is malformed; a new one is created", file);
                }
                stored = "node-" + UUID.randomUUID();
                writeAtomically(file, stored);
            }
            return stored + "@" + binding(host, dataDir.toRealPath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the node id in " + file, e);
        }
    }

    /** A crash while writing must leave the old file or the new one, never an empty id. */
    private static void writeAtomically(Path file, String id) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "node-id", ".tmp");
        try {
            Files.writeString(tmp, id, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** 12 hex digits: the id stays within the 64 characters the lease owner column holds. */
    private static String binding(String host, String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((host + "\n" + path)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }
}
