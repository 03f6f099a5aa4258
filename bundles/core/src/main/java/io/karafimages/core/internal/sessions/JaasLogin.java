package io.karafimages.core.internal.sessions;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.core.internal.store.UserRecord;
import io.karafimages.core.internal.store.UserRepository;

/**
 * Checks a login through a Karaf JAAS realm ({@code images.web} {@code jaas.realm}) instead of our own hashes, so
 * LDAP or anything else Karaf's JAAS modules speak works. A user the realm accepts who is not known here yet is
 * created at the first login (no API key, no password of ours).
 */
final class JaasLogin {
    private static final Logger LOG = LoggerFactory.getLogger(JaasLogin.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final String realm;
    private final Configuration configuration;
    private final UserRepository users;

    /** @param configuration null: the JVM's (Karaf installs its realms there) */
    JaasLogin(String realm, Configuration configuration, UserRepository users) {
        this.realm = realm;
        this.configuration = configuration;
        this.users = users;
    }

    Optional<UserRecord> check(String userName, char[] password) {
        if (userName == null || !NAME.matcher(userName).matches() || password == null) {
            return Optional.empty();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // null: LoginContext loads the login module (Karaf's ProxyLoginModule, on the boot class path) through the
        // system class loader rather than this bundle's, which does not import it
        thread.setContextClassLoader(null);
        try {
            LoginContext context = configuration == null
                    ? new LoginContext(realm, new Subject(), callbacks -> answer(callbacks, userName, password))
                    : new LoginContext(realm, new Subject(), callbacks -> answer(callbacks, userName, password),
                            configuration);
            context.login();
            context.logout();
        } catch (LoginException e) {
            LOG.debug("JAAS realm {} refused a login: {}", realm, e.getMessage());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Optional<UserRecord> known = users.findUserByName(userName);
        if (known.isPresent()) {
            return known;
        }
        users.createUser(new UserRecord(UUID.randomUUID().toString(), userName, Instant.now()));
        LOG.info("Created user '{}' at its first login through the JAAS realm {}", userName, realm);
        return users.findUserByName(userName); // the row that won if two nodes created it at once
    }

    private static void answer(javax.security.auth.callback.Callback[] callbacks, String user, char[] password)
            throws UnsupportedCallbackException {
        for (var c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(user);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }
}
