package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.testkit.internal.TestStreams;

/**
 * What every {@link KeyService} promises, as JUnit 5 tests. Extend it in your key service's test:
 *
 * <pre>{@code
 * class MyKeyServiceTest extends KeyServiceContract {
 *     @Override
 *     protected KeyService keys() {
 *         return new MyKeyService(...);
 *     }
 * }
 * }</pre>
 *
 * Every test uses users of its own (random ids), so one backend may serve all of them. Override
 * {@link #secondInstance} when your backend can be opened twice (a restart, a second node). New tests may be added
 * in minor versions.
 */
@ConsumerType
public abstract class KeyServiceContract {
    private KeyService keys;

    /**
     * The key service under test; called once in each test, when the test first needs it (after your own
     * {@code @BeforeEach} methods ran).
     */
    protected abstract KeyService keys();

    /**
     * Another instance over the same stored keys as {@code first}, as after a restart or on a second node, with
     * caches of its own; empty (the default) skips the test that needs it.
     */
    protected Optional<KeyService> secondInstance(KeyService first) {
        return Optional.empty();
    }

    @AfterEach
    public final void forgetKeys() {
        keys = null;
    }

    @Test
    public void idIsStableAndHasNoSpaces() {
        String id = subject().id();
        assertFalse(id == null || id.isBlank() || id.chars().anyMatch(Character::isWhitespace), "id: '" + id + "'");
        assertEquals(id, subject().id(), "the id is recorded with every wrapped key: it must not change");
    }

    @Test
    public void aDataKeyIs256BitsAndUnwrapsForItsUser() {
        String user = newUser();
        DataKey key = subject().newDataKey(user);
        assertEquals(32, key.plaintext().length, "AES-256 data keys");
        assertTrue(key.wrapped().startsWith(subject().id() + ":"), "a wrapped key names its backend first: "
                + key.wrapped());
        assertFalse(key.wrapped().contains(Base64.getEncoder().withoutPadding().encodeToString(key.plaintext()))
                || key.wrapped().toLowerCase().contains(HexFormat.of().formatHex(key.plaintext())),
                "the wrapped form must not contain the plaintext");
        assertArrayEquals(key.plaintext(), subject().unwrap(user, key.wrapped()));
    }

    @Test
    public void everyDataKeyIsFresh() {
        String user = newUser();
        DataKey a = subject().newDataKey(user);
        DataKey b = subject().newDataKey(user);
        assertFalse(Arrays.equals(a.plaintext(), b.plaintext()), "one random key per image set");
        assertFalse(a.wrapped().equals(b.wrapped()));
        assertArrayEquals(a.plaintext(), subject().unwrap(user, a.wrapped()));
        assertArrayEquals(b.plaintext(), subject().unwrap(user, b.wrapped()));
    }

    @Test
    public void anotherUserCannotUnwrap() {
        String alice = newUser();
        String mallory = newUser();
        DataKey key = subject().newDataKey(alice);
        subject().newDataKey(mallory); // mallory has a key of her own, and still cannot open alice's
        assertUnwrapFailed(assertThrows(ImagesException.class, () -> subject().unwrap(mallory, key.wrapped())));
    }

    @Test
    public void aTamperedWrappedKeyFailsClosed() {
        String user = newUser();
        String wrapped = subject().newDataKey(user).wrapped();
        int body = wrapped.lastIndexOf(':') + 1;
        int at = body + (wrapped.length() - body) / 2;
        char swapped = wrapped.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = wrapped.substring(0, at) + swapped + wrapped.substring(at + 1);
        assertUnwrapFailed(assertThrows(ImagesException.class, () -> subject().unwrap(user, tampered)));
    }

    @Test
    public void aKeyWrappedByAnotherBackendIsRefused() {
        String user = newUser();
        subject().newDataKey(user);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> subject().unwrap(user, "another-backend:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertTrue(e instanceof IllegalArgumentException
                || e instanceof ImagesException ie && !ie.retryable(), "refused as not ours, got " + e);
    }

    @Test
    public void unwrapHandsOutACopy() {
        String user = newUser();
        DataKey key = subject().newDataKey(user);
        byte[] expected = key.plaintext().clone();
        key.close(); // the caller wipes its data key ...
        byte[] first = subject().unwrap(user, key.wrapped());
        assertArrayEquals(expected, first);
        Arrays.fill(first, (byte) 0); // ... and its unwrapped copy: neither may harm what the service keeps
        assertArrayEquals(expected, subject().unwrap(user, key.wrapped()));
    }

    @Test
    public void userIdsAreOpaqueStrings() {
        String odd = "../../etc/passwd " + UUID.randomUUID();
        String unicode = "Zoë/李 " + UUID.randomUUID();
        DataKey a = subject().newDataKey(odd);
        DataKey b = subject().newDataKey(unicode);
        assertArrayEquals(a.plaintext(), subject().unwrap(odd, a.wrapped()));
        assertArrayEquals(b.plaintext(), subject().unwrap(unicode, b.wrapped()));
        assertUnwrapFailed(assertThrows(ImagesException.class, () -> subject().unwrap(unicode, a.wrapped())));
    }

    @Test
    public void concurrentFirstUseByOneUserYieldsKeysThatAllUnwrap() throws Exception {
        // the user's key-encryption key is created on first use: racing creators must agree on one
        String user = newUser();
        KeyService service = subject();
        List<Callable<DataKey>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> service.newDataKey(user));
        }
        for (DataKey key : TestStreams.runTogether(calls)) {
            assertArrayEquals(key.plaintext(), service.unwrap(user, key.wrapped()));
        }
    }

    @Test
    public void anotherInstanceUnwrapsWhatThisOneWrapped() {
        Optional<KeyService> second = secondInstance(subject());
        assumeTrue(second.isPresent(), "secondInstance() is not overridden for this backend");
        String user = newUser();
        DataKey key = subject().newDataKey(user);
        assertArrayEquals(key.plaintext(), second.get().unwrap(user, key.wrapped()));
        DataKey back = second.get().newDataKey(user);
        assertArrayEquals(back.plaintext(), subject().unwrap(user, back.wrapped()));
    }

    @Test
    public void healthIsUpWhileTheServiceWorks() {
        subject().newDataKey(newUser());
        assertEquals("up", subject().health());
    }

    /** A user id no other test uses. */
    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private KeyService subject() {
        if (keys == null) {
            keys = keys();
        }
        return keys;
    }

    private static void assertUnwrapFailed(ImagesException e) {
        assertEquals("key_unwrap_failed", e.code(), e.getMessage());
        assertFalse(e.retryable(), "trying again cannot open another user's key");
    }
}
