package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;

/** The in-memory key service against the public contract, plus its test switch. */
class InMemoryKeyServiceTest extends KeyServiceContract {
    @Override
    protected KeyService keys() {
        return new InMemoryKeyService();
    }

    @Override
    protected Optional<KeyService> secondInstance(KeyService first) {
        return Optional.of(((InMemoryKeyService) first).secondInstance());
    }

    @Test
    void anIndependentServiceHasAnotherMasterKeyAndCannotUnwrap() {
        DataKey key = new InMemoryKeyService().newDataKey("alice");
        ImagesException e = assertThrows(ImagesException.class,
                () -> new InMemoryKeyService().unwrap("alice", key.wrapped()));
        assertEquals("key_unwrap_failed", e.code());
    }

    @Test
    void aSwitchedOffServiceFailsClosedWithARetryable503() {
        InMemoryKeyService keys = new InMemoryKeyService();
        DataKey key = keys.newDataKey("alice");
        keys.setAvailable(false);
        for (ImagesException e : new ImagesException[] {
                assertThrows(ImagesException.class, () -> keys.newDataKey("alice")),
                assertThrows(ImagesException.class, () -> keys.unwrap("alice", key.wrapped())) }) {
            assertEquals("keys_unavailable", e.code());
            assertEquals(503, e.httpStatus());
            assertTrue(e.retryable());
            assertEquals(Optional.of(Duration.ofSeconds(10)), e.retryAfter());
        }
        assertFalse(keys.health().equals("up"));
        keys.setAvailable(true);
        assertArrayEquals(key.plaintext(), keys.unwrap("alice", key.wrapped()));
    }

    @Test
    void wrappedKeysNameTheBackend() {
        assertTrue(new InMemoryKeyService().newDataKey("bob").wrapped().startsWith("memory:v1:"));
    }
}
