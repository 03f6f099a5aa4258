package io.karafimages.core.internal.sessions;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.SessionRepository;
import io.karafimages.core.internal.store.UserRecord;
import io.karafimages.core.internal.store.UserRepository;

/**
 * Users' login passwords: set (by the shell commands and the first start) and checked (by the session login).
 * Only Argon2id hashes are stored. Checking an unknown user, or a user without a password, verifies against a dummy
 * hash with the same parameters, so the answer and its time are the same as for a wrong password.
 */
@Component(service = Passwords.class)
public final class Passwords {
    private static final Logger LOG = LoggerFactory.getLogger(Passwords.class);
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 1024;

    private final UserRepository users;
    private final SessionRepository store;
    private final Argon2Hasher hasher;
    private final String dummyHash;

    @Activate
    public Passwords(@Reference UserRepository users, @Reference SessionRepository store) {
        this(users, store, new Argon2Hasher(Argon2Hasher.DEFAULT, Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    Passwords(UserRepository users, SessionRepository store, Argon2Hasher hasher) {
        this.users = users;
        this.store = store;
        this.hasher = hasher;
        // Not the hash of a random password (a memory-hard hash, ~130 ms of CPU, or several times that while the
        // JIT is cold, at every start: issue 12 measures the restart): verifying against this costs the same.
        this.dummyHash = hasher.unmatchable();
    }

    /**
     * Sets a user's password and ends all the user's sessions.
     *
     * @throws ImagesException 404 for an unknown user, 400 {@code invalid_password} when too short or too long
     */
    public void setPassword(String userName, char[] password) {
        UserRecord user = users.findUserByName(userName).orElseThrow(() -> ImagesException.notFound("User"));
        requireValid(password);
        store.setPasswordHash(user.id(), hasher.hash(password));
        int ended = store.deleteSessionsOfUser(user.id());
        LOG.info("Password of user '{}' set; {} session(s) ended", userName, ended);
    }

    /** @throws ImagesException 400 {@code invalid_password} when the password is too short or too long */
    public static void requireValid(char[] password) {
        if (password == null || password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
            throw ImagesException.invalid("invalid_password",
                    "A password has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
        }
    }

    /** The user when the name and password match; empty otherwise, in about the same time either way. */
    public Optional<UserRecord> check(String userName, char[] password) {
        Optional<UserRecord> user = userName == null || userName.length() > 64 ? Optional.empty()
                : users.findUserByName(userName);
        Optional<String> hash = user.flatMap(u -> store.passwordHash(u.id()));
        boolean ok = hasher.verify(password == null ? new char[0] : password, hash.orElse(dummyHash));
        if (!ok || hash.isEmpty()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash.get())) {
            store.setPasswordHash(user.get().id(), hasher.hash(password));
        }
        return user;
    }

    /** Sets a new random password for the user and returns it (the initial admin's). */
    public char[] setRandomPassword(String userName) {
        char[] password = Secrets.newPassword();
        setPassword(userName, password);
        return password;
    }
}
