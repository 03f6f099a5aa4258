package io.karafimages.core.internal.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.core.internal.sessions.Passwords;
import io.karafimages.core.internal.store.jdbc.JdbcStore;

/**
 * Security review L13: the initial admin's key and password must not be lost. When the files cannot be written,
 * the first start fails before the user exists, and the next start (with a writable directory) creates both.
 */
class InitialUserSetupTest {
    private final JdbcStore store = JdbcStore.forUrl("jdbc:h2:mem:" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    private final DefaultUserService users = new DefaultUserService(store, store.apiKeys(), 100, java.time.Duration.ofSeconds(10), java.time.Instant::now, System::nanoTime);
    private final Passwords passwords = new Passwords(store, store.sessions());

    InitialUserSetupTest() throws Exception {
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anUnwritableDirectoryFailsBeforeTheUserExistsAndTheNextStartCreatesEverything(@TempDir Path data)
            throws Exception {
        Path blocked = data.resolve("images");
        Files.writeString(blocked, "a file where the directory should be");
        assertThrows(UncheckedIOException.class, () -> new InitialUserSetup(users, passwords, blocked));
        assertTrue(users.users().isEmpty(), "no admin whose key nobody saw");

        Files.delete(blocked);
        new InitialUserSetup(users, passwords, blocked);
        assertEquals(1, users.users().size());
        String key = Files.readString(blocked.resolve("initial-api-key")).trim();
        assertEquals("admin", users.authenticate(key).orElseThrow().name());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                blocked.resolve("initial-password"))));
        assertTrue(Files.readString(blocked.resolve("initial-password")).trim().length() >= 16);

        new InitialUserSetup(users, passwords, blocked); // a later start changes nothing
        assertEquals(key, Files.readString(blocked.resolve("initial-api-key")).trim());
    }
}
