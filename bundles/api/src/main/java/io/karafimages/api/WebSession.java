package io.karafimages.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A live web app session: its secret id (the cookie value), the user, the CSRF token that state-changing
 * cookie calls must send as {@code X-CSRF-Token}, and when it ends unless renewed by use.
 */
public final class WebSession {
    private final String id;
    private final User user;
    private final String csrfToken;
    private final Instant expiresAt;

    private WebSession(String id, User user, String csrfToken, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.user = Objects.requireNonNull(user, "user");
        this.csrfToken = Objects.requireNonNull(csrfToken, "csrfToken");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static WebSession of(String id, User user, String csrfToken, Instant expiresAt) {
        return new WebSession(id, user, csrfToken, expiresAt);
    }

    /** The secret session id; never log it. */
    public String id() {
        return id;
    }

    public User user() {
        return user;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The earlier of the idle and the absolute expiry, as of the last use. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() { // the id and token are secrets
        return "WebSession[user=" + user.name() + ", expiresAt=" + expiresAt + "]";
    }
}
