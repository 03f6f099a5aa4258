package io.karafimages.core.internal.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.ImagesException;
import io.karafimages.api.SessionService;
import io.karafimages.api.User;
import io.karafimages.api.WebSession;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.SessionRecord;
import io.karafimages.core.internal.store.SessionRepository;
import io.karafimages.core.internal.store.UserRecord;
import io.karafimages.core.internal.store.UserRepository;

/**
 * Password logins and server-side sessions in the store. The cookie carries 256 random bits; the store keeps only
 * their SHA-256, the user, the CSRF token and the expiry times, judged by the database's clock so that every node
 * agrees. Each login makes a new session (no fixation); earlier sessions of the user stay valid until they expire or
 * log out, so a user may be logged in from two browsers. A password change ends all the user's sessions.
 */
@Component(service = SessionService.class, configurationPid = "images.web")
@Designate(ocd = DefaultSessionService.Config.class)
public final class DefaultSessionService implements SessionService {

    @ObjectClassDefinition(name = "Karaf Images: web app logins and sessions",
            description = "Session lifetimes, login rate limits and cookie rules of the web app, the API key cache and "
                    + "the REST administrators (PID images.web).")
    public @interface Config {
        @AttributeDefinition(name = "Idle timeout", description = "A session unused for this long ends "
                + "(ISO-8601 duration such as PT30M, or seconds).")
        String session_idle_timeout() default "PT30M";

        @AttributeDefinition(name = "Absolute timeout", description = "A session ends this long after its login "
                + "however much it is used; also the cookie's Max-Age (ISO-8601 duration or seconds).")
        String session_absolute_timeout() default "PT12H";

        @AttributeDefinition(name = "Max failures per user", description = "Failed logins for one user name "
                + "within the window after which logins for that name answer 429 until the window has passed. 0: no "
                + "limit.")
        int login_max_failures() default 5;

        @AttributeDefinition(name = "Max failures per address", description = "Failed logins from one client "
                + "address (after trusted.proxies) within the window after which that address gets 429. 0: no limit.")
        int login_max_failures_per_address() default 20;

        @AttributeDefinition(name = "Failure window", description = "How long a failed login counts "
                + "(ISO-8601 duration or seconds).")
        String login_failure_window() default "PT15M";

        @AttributeDefinition(name = "Secure cookie", description = "auto: the session cookie is Secure when the "
                + "login came over https (directly, or X-Forwarded-Proto: https from a trusted proxy); always; never.",
                options = { @org.osgi.service.metatype.annotations.Option(value = "auto"),
                    @org.osgi.service.metatype.annotations.Option(value = "always"),
                    @org.osgi.service.metatype.annotations.Option(value = "never") })
        String cookie_secure() default "auto";

        @AttributeDefinition(name = "Trusted proxies", description = "Comma-separated addresses or CIDR ranges of "
                + "reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Empty: none.",
                required = false)
        String trusted_proxies() default "";

        @AttributeDefinition(name = "JAAS realm", description = "Empty: passwords are checked against our own "
                + "Argon2id hashes (images:user-password). A Karaf JAAS realm name (e.g. one with an LDAP login "
                + "module): passwords are checked by that realm instead, and users it accepts are created at their "
                + "first login.", required = false)
        String jaas_realm() default "";

        @AttributeDefinition(name = "API key cache time to live", description = "How long a looked-up API key is "
                + "reused without a database read; also the longest time a key revoked (or a user disabled) on "
                + "another node keeps working on this one (the node that ran the command refuses it at once). "
                + "ISO-8601 duration or seconds; 0 turns the cache off.")
        String apikey_cache_ttl() default "PT10S";

        @AttributeDefinition(name = "API key cache size", description = "At most this many API keys are cached "
                + "per node (least recently used go first).")
        int apikey_cache_size() default 10000;

        @AttributeDefinition(name = "Admin users", description = "Comma-separated user names that count as "
                + "administrators for the REST API: only they see the backend details of GET /v1/health (anonymous "
                + "callers get the overall status and readiness).")
        String admin_users() default "admin";
    }

    private final SessionRepository store;
    private final UserRepository users;
    private final ApiKeyRepository access;
    private final Passwords passwords;
    private final LoginLimiter limiter;
    private final JaasLogin jaas;
    private final Duration idle;
    private final Duration absolute;

    @Activate
    public DefaultSessionService(@Reference SessionRepository store, @Reference UserRepository users,
            @Reference ApiKeyRepository access, @Reference Passwords passwords, Config config) {
        this(store, users, access, passwords, duration(config.session_idle_timeout(), "session.idle.timeout"),
                duration(config.session_absolute_timeout(), "session.absolute.timeout"), config.login_max_failures(),
                config.login_max_failures_per_address(),
                duration(config.login_failure_window(), "login.failure.window"),
                config.jaas_realm() == null || config.jaas_realm().isBlank() ? null
                        : new JaasLogin(config.jaas_realm().trim(), null, users));
    }

    DefaultSessionService(SessionRepository store, UserRepository users, ApiKeyRepository access, Passwords passwords,
            Duration idle, Duration absolute, int maxPerUser, int maxPerAddress, Duration window) {
        this(store, users, access, passwords, idle, absolute, maxPerUser, maxPerAddress, window, null);
    }

    /** @param jaas null: our own password hashes */
    DefaultSessionService(SessionRepository store, UserRepository users, ApiKeyRepository access, Passwords passwords,
            Duration idle, Duration absolute, int maxPerUser, int maxPerAddress, Duration window, JaasLogin jaas) {
        this.jaas = jaas;
        this.access = access;
        this.store = store;
        this.users = users;
        this.passwords = passwords;
        this.idle = idle;
        this.absolute = absolute;
        this.limiter = new LoginLimiter(store, maxPerUser, maxPerAddress, window);
    }

    /** An ISO-8601 duration or a number of seconds; a bad value stops the component with a message that says so. */
    public static Duration duration(String value, String property) {
        String v = value == null ? "" : value.trim();
        try {
            Duration d = v.chars().allMatch(Character::isDigit) && !v.isEmpty() ? Duration.ofSeconds(Long.parseLong(v))
                    : Duration.parse(v);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(property + " must be positive: " + value);
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(property + " is neither an ISO-8601 duration (PT30M) nor seconds: "
                    + value, e);
        }
    }

    @Override
    public WebSession login(String userName, char[] password, String remoteAddress) {
        Instant now = store.now();
        limiter.check(userName, remoteAddress, now);
        Optional<UserRecord> user = (jaas != null ? jaas.check(userName, password)
                : passwords.check(userName, password)).filter(u -> access.userDisabledAt(u.id()).isEmpty());
        if (user.isEmpty()) { // a disabled user is told the same as a wrong password: nothing to probe
            limiter.failed(userName, remoteAddress, now);
            throw new ImagesException("invalid_credentials", 401, false, "The user name or password is wrong.");
        }
        limiter.succeeded(userName, now);
        store.deleteExpiredSessions(now);
        String id = Secrets.newToken();
        String csrf = Secrets.newToken();
        Instant absoluteEnd = now.plus(absolute);
        Instant idleEnd = min(now.plus(idle), absoluteEnd);
        UserRecord u = user.get();
        store.createSession(new SessionRecord(Secrets.sha256(id), u.id(), csrf, now, now, idleEnd, absoluteEnd));
        return WebSession.of(id, new User(u.id(), u.name(), u.createdAt()), csrf, idleEnd);
    }

    @Override
    public Optional<WebSession> find(String sessionId) {
        if (!Secrets.wellFormedToken(sessionId)) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(sessionId);
        Optional<SessionRecord> found = store.findSession(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionRecord s = found.get();
        Instant now = store.now();
        if (!now.isBefore(s.idleExpiresAt()) || !now.isBefore(s.absoluteExpiresAt())) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        Optional<UserRecord> user = users.findUserById(s.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = s.idleExpiresAt();
        Instant renewed = min(now.plus(idle), s.absoluteExpiresAt());
        // a write per request would be wasteful: renew once a tenth of the idle timeout (at most a minute) has passed
        Duration every = min(idle.dividedBy(10), Duration.ofMinutes(1));
        if (Duration.between(s.lastSeenAt(), now).compareTo(every) >= 0 && renewed.isAfter(expires)) {
            store.touchSession(hash, now, renewed);
            expires = renewed;
        }
        UserRecord u = user.get();
        return Optional.of(WebSession.of(sessionId, new User(u.id(), u.name(), u.createdAt()), s.csrfToken(),
                expires));
    }

    @Override
    public void logout(String sessionId) {
        if (Secrets.wellFormedToken(sessionId)) {
            store.deleteSession(Secrets.sha256(sessionId));
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
