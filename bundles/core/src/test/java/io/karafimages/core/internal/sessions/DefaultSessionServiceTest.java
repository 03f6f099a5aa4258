package io.karafimages.core.internal.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.WebSession;
import io.karafimages.core.internal.store.UserRecord;

/** Logins and sessions on the real JDBC store (H2), with cheap Argon2 parameters and a movable database clock. */
class DefaultSessionServiceTest {
    private final SessionsTestSupport db = new SessionsTestSupport();
    private final Passwords passwords = new Passwords(db.store, db.sessions,
            new Argon2Hasher(new Argon2Hasher.Params(64, 1, 1), 2));
    private final DefaultSessionService service = new DefaultSessionService(db.sessions, db.store, db.store.apiKeys(), passwords,
            Duration.ofMinutes(10), Duration.ofHours(1), 3, 5, Duration.ofMinutes(15));

    DefaultSessionServiceTest() throws Exception {
        db.store.createUser(new UserRecord("id-alice", "alice", Instant.now()));
        db.store.createUser(new UserRecord("id-bob", "bob", Instant.now()));
        passwords.setPassword("alice", "alice-secret".toCharArray());
        passwords.setPassword("bob", "bob-secret-1".toCharArray());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aLoginOpensASessionFoundByItsIdWithItsCsrfToken() {
        WebSession s = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        assertEquals("alice", s.user().name());
        assertEquals(43, s.id().length());
        assertEquals(43, s.csrfToken().length());
        WebSession found = service.find(s.id()).orElseThrow();
        assertEquals("id-alice", found.user().id());
        assertEquals(s.csrfToken(), found.csrfToken());
        assertFalse(db.sessions.findSession(s.id()).isPresent(), "the store never holds the id itself");
        assertTrue(db.sessions.findSession(Secrets.sha256(s.id())).isPresent());
        assertTrue(service.find("x").isEmpty());
        assertTrue(service.find(null).isEmpty());
        assertTrue(service.find(Secrets.newToken()).isEmpty());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        ImagesException wrong = assertThrows(ImagesException.class,
                () -> service.login("alice", "wrong-password".toCharArray(), "10.0.0.1"));
        ImagesException unknown = assertThrows(ImagesException.class,
                () -> service.login("mallory", "wrong-password".toCharArray(), "10.0.0.2"));
        for (ImagesException e : new ImagesException[] { wrong, unknown }) {
            assertEquals("invalid_credentials", e.code());
            assertEquals(401, e.httpStatus());
        }
        assertEquals(wrong.getMessage(), unknown.getMessage());
        db.store.createUser(new UserRecord("id-carol", "carol", Instant.now()));
        assertEquals("invalid_credentials", assertThrows(ImagesException.class,
                () -> service.login("carol", "".toCharArray(), "10.0.0.3")).code(), "a user without a password");
    }

    @Test
    void aDisabledUserIsRefusedAsWrongCredentialsAndItsSessionsEnd() {
        WebSession open = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        ImagesException wrong = assertThrows(ImagesException.class,
                () -> service.login("bob", "wrong-password".toCharArray(), "10.0.0.2"));
        assertTrue(db.store.apiKeys().setUserDisabled("id-alice", Instant.now()));
        ImagesException disabled = assertThrows(ImagesException.class,
                () -> service.login("alice", "alice-secret".toCharArray(), "10.0.0.1"));
        assertEquals(wrong.code(), disabled.code());
        assertEquals(wrong.httpStatus(), disabled.httpStatus());
        assertEquals(wrong.getMessage(), disabled.getMessage(), "nothing tells a disabled user from a wrong password");
        assertTrue(service.find(open.id()).isEmpty(), "the open session has ended");
        db.store.apiKeys().setUserDisabled("id-alice", null);
        assertEquals("alice", service.login("alice", "alice-secret".toCharArray(), "10.0.0.1").user().name());
    }

    @Test
    void everyLoginGetsANewIdAndTheEarlierSessionStaysUntilLogout() {
        WebSession first = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        WebSession second = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        assertNotEquals(first.id(), second.id());
        assertNotEquals(first.csrfToken(), second.csrfToken());
        assertTrue(service.find(first.id()).isPresent());
        service.logout(first.id());
        assertTrue(service.find(first.id()).isEmpty());
        assertTrue(service.find(second.id()).isPresent());
        service.logout(first.id()); // idempotent
        service.logout("garbage");
    }

    @Test
    void idleSessionsExpireAndUseRenewsThem() {
        WebSession s = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        db.advance(Duration.ofMinutes(9));
        WebSession renewed = service.find(s.id()).orElseThrow();
        assertTrue(renewed.expiresAt().isAfter(s.expiresAt()), "use renews the idle expiry");
        db.advance(Duration.ofMinutes(9));
        assertTrue(service.find(s.id()).isPresent(), "18 min after login but 9 after the last use");
        db.advance(Duration.ofMinutes(10));
        assertTrue(service.find(s.id()).isEmpty(), "10 min unused");
        assertTrue(db.sessions.findSession(Secrets.sha256(s.id())).isEmpty(), "and removed");
    }

    @Test
    void theAbsoluteTimeoutEndsEvenASessionInUse() {
        WebSession s = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        for (int i = 0; i < 6; i++) {
            db.advance(Duration.ofMinutes(9));
            assertTrue(service.find(s.id()).isPresent(), "after " + (i + 1) * 9 + " min");
        }
        db.advance(Duration.ofMinutes(7));
        assertTrue(service.find(s.id()).isEmpty(), "61 min after login");
    }

    @Test
    void repeatedFailuresForAUserAre429WithRetryAfterUntilTheWindowPasses() {
        for (int i = 0; i < 3; i++) {
            String address = "10.0.1." + i; // another address each time: the per-user limit
            assertEquals(401, assertThrows(ImagesException.class,
                    () -> service.login("alice", "nope-nope".toCharArray(), address)).httpStatus());
        }
        ImagesException limited = assertThrows(ImagesException.class,
                () -> service.login("alice", "alice-secret".toCharArray(), "10.0.2.1"));
        assertEquals("rate_limited", limited.code());
        assertEquals(429, limited.httpStatus());
        long retry = limited.retryAfter().orElseThrow().toSeconds();
        assertTrue(retry > 14 * 60 && retry <= 15 * 60, "Retry-After " + retry);
        assertTrue(service.login("bob", "bob-secret-1".toCharArray(), "10.0.2.1") != null, "other users may log in");
        db.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertEquals("alice", service.login("alice", "alice-secret".toCharArray(), "10.0.2.1").user().name());
    }

    @Test
    void unknownNamesAreLimitedLikeKnownOnes() {
        for (int i = 0; i < 3; i++) {
            String address = "10.0.3." + i;
            assertEquals(401, assertThrows(ImagesException.class,
                    () -> service.login("Mallory", "nope-nope".toCharArray(), address)).httpStatus());
        }
        assertEquals(429, assertThrows(ImagesException.class,
                () -> service.login("mallory", "nope-nope".toCharArray(), "10.0.4.1")).httpStatus());
    }

    @Test
    void repeatedFailuresFromOneAddressAre429ForEveryName() {
        for (int i = 0; i < 5; i++) {
            String user = "user" + i;
            assertEquals(401, assertThrows(ImagesException.class,
                    () -> service.login(user, "nope-nope".toCharArray(), "10.9.9.9")).httpStatus());
        }
        assertEquals(429, assertThrows(ImagesException.class,
                () -> service.login("alice", "alice-secret".toCharArray(), "10.9.9.9")).httpStatus());
        assertEquals("alice", service.login("alice", "alice-secret".toCharArray(), "10.9.9.8").user().name());
    }

    @Test
    void aSuccessfulLoginClearsTheUsersFailures() {
        for (int i = 0; i < 2; i++) {
            assertThrows(ImagesException.class, () -> service.login("alice", "nope-nope".toCharArray(), "10.0.5.1"));
        }
        service.login("alice", "alice-secret".toCharArray(), "10.0.5.1");
        for (int i = 0; i < 2; i++) {
            assertEquals(401, assertThrows(ImagesException.class,
                    () -> service.login("alice", "nope-nope".toCharArray(), "10.0.5.2")).httpStatus());
        }
    }

    @Test
    void aNewPasswordEndsTheUsersSessionsAndTheOldOneNoLongerWorks() {
        WebSession s = service.login("alice", "alice-secret".toCharArray(), "10.0.0.1");
        WebSession bobs = service.login("bob", "bob-secret-1".toCharArray(), "10.0.0.1");
        passwords.setPassword("alice", "a-new-secret".toCharArray());
        assertTrue(service.find(s.id()).isEmpty());
        assertTrue(service.find(bobs.id()).isPresent());
        assertEquals(401, assertThrows(ImagesException.class,
                () -> service.login("alice", "alice-secret".toCharArray(), "10.0.0.1")).httpStatus());
        assertEquals("alice", service.login("alice", "a-new-secret".toCharArray(), "10.0.0.1").user().name());
        assertEquals("invalid_password", assertThrows(ImagesException.class,
                () -> passwords.setPassword("alice", "short".toCharArray())).code());
        assertEquals(404, assertThrows(ImagesException.class,
                () -> passwords.setPassword("nobody", "long-enough".toCharArray())).httpStatus());
    }

    @Test
    void durationsAreIso8601OrSeconds() {
        assertEquals(Duration.ofMinutes(30), DefaultSessionService.duration("PT30M", "p"));
        assertEquals(Duration.ofSeconds(90), DefaultSessionService.duration(" 90 ", "p"));
        assertThrows(IllegalArgumentException.class, () -> DefaultSessionService.duration("30m", "p"));
        assertThrows(IllegalArgumentException.class, () -> DefaultSessionService.duration("0", "p"));
        assertThrows(IllegalArgumentException.class, () -> DefaultSessionService.duration("", "p"));
    }
}
