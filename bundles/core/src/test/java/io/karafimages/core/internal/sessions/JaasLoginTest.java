package io.karafimages.core.internal.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.WebSession;

/** jaas.realm: the password is checked by a JAAS realm (here a test login module), users appear at first login. */
class JaasLoginTest {
    private final SessionsTestSupport db = new SessionsTestSupport();
    private final Configuration realms = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return "directory".equals(name) ? new AppConfigurationEntry[] { new AppConfigurationEntry(
                    Directory.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of()) }
                    : null;
        }
    };
    private final DefaultSessionService service = new DefaultSessionService(db.sessions, db.store, db.store.apiKeys(),
            new Passwords(db.store, db.sessions, new Argon2Hasher(new Argon2Hasher.Params(64, 1, 1), 2)),
            Duration.ofMinutes(10), Duration.ofHours(1), 3, 5, Duration.ofMinutes(15),
            new JaasLogin("directory", realms, db.store));

    JaasLoginTest() throws Exception {
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aUserTheRealmAcceptsIsCreatedAtTheFirstLoginAndFoundAfter() {
        assertTrue(db.store.findUserByName("dora").isEmpty());
        WebSession s = service.login("dora", "directory-secret".toCharArray(), "10.0.0.1");
        assertEquals("dora", s.user().name());
        String id = db.store.findUserByName("dora").orElseThrow().id();
        assertEquals(id, service.login("dora", "directory-secret".toCharArray(), "10.0.0.1").user().id());
        assertTrue(service.find(s.id()).isPresent());
    }

    @Test
    void aPasswordTheRealmRefusesIs401AndCountsTowardsTheLimit() {
        for (int i = 0; i < 3; i++) {
            assertEquals("invalid_credentials", assertThrows(ImagesException.class,
                    () -> service.login("dora", "wrong".toCharArray(), "10.0.0.2")).code());
        }
        assertTrue(db.store.findUserByName("dora").isEmpty(), "no user for a refused login");
        assertEquals(429, assertThrows(ImagesException.class,
                () -> service.login("dora", "directory-secret".toCharArray(), "10.0.0.3")).httpStatus());
    }

    /** A directory that knows every user by the password "directory-secret". */
    public static final class Directory implements LoginModule {
        private CallbackHandler handler;

        @Override
        public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                Map<String, ?> options) {
            this.handler = callbackHandler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] { name, password });
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!"directory-secret".equals(new String(password.getPassword()))) {
                throw new FailedLoginException("wrong password for " + name.getName());
            }
            return true;
        }

        @Override
        public boolean commit() {
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }
}
