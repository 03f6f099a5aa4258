package io.karafimages.keys.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;

/**
 * What is particular to local keys; what every key service promises is checked by the public contract in
 * {@link LocalKeyServiceContractTest}.
 */
class LocalKeyServiceTest {
    @TempDir
    Path dir;

    /** Downloads unwrap keys of this service in their turn (images.rest download.concurrency). */
    @Test
    void keysThisNodeHoldsAreNotRemote() {
        assertFalse(new LocalKeyService(dir).remote());
    }

    @Test
    void wrapsAndUnwrapsAcrossRestarts() {
        DataKey key = new LocalKeyService(dir).newDataKey("alice");
        assertEquals(32, key.plaintext().length);
        assertTrue(key.wrapped().startsWith("local:v1:"));
        assertFalse(key.wrapped().contains(java.util.Base64.getEncoder().encodeToString(key.plaintext())));
        assertArrayEquals(key.plaintext(), new LocalKeyService(dir).unwrap("alice", key.wrapped()));
    }

    @Test
    void aFailedUnwrapLeavesTheThreadsCipherUsableAndThreadsDoNotMixKeys() throws Exception {
        LocalKeyService keys = new LocalKeyService(dir);
        DataKey alice = keys.newDataKey("alice");
        DataKey bob = keys.newDataKey("bob");
        assertThrows(ImagesException.class, () -> keys.unwrap("bob", alice.wrapped()), "another user's key");
        assertArrayEquals(alice.plaintext(), keys.unwrap("alice", alice.wrapped()), "same thread, after a failure");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                DataKey mine = t % 2 == 0 ? alice : bob;
                String user = t % 2 == 0 ? "alice" : "bob";
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!Arrays.equals(mine.plaintext(), keys.unwrap(user, mine.wrapped()))
                                || !keys.unwrap(user, keys.newDataKey(user).wrapped()).getClass().isArray()) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherInstancesMasterKeyCannotUnwrap(@TempDir Path other) {
        DataKey key = new LocalKeyService(dir).newDataKey("alice");
        assertThrows(ImagesException.class, () -> new LocalKeyService(other).unwrap("alice", key.wrapped()));
    }

    @Test
    void keyFilesAreReadableOnlyByTheOwner() throws Exception {
        new LocalKeyService(dir).newDataKey("alice");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))));
        try (var users = Files.list(dir.resolve("users"))) {
            for (Path kek : users.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kek)));
                assertFalse(kek.getFileName().toString().contains("alice"), "file names do not reveal users");
            }
        }
    }

    @Test
    void closingADataKeyWipesIt() {
        DataKey key = new LocalKeyService(dir).newDataKey("alice");
        key.close();
        assertArrayEquals(new byte[32], key.plaintext());
    }
}
