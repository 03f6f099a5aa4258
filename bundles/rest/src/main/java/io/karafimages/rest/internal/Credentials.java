package io.karafimages.rest.internal;

import java.util.Optional;

import io.karafimages.api.SessionService;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.api.WebSession;

/**
 * Who is calling, from an {@code Authorization: Bearer} API key or else the web app's session cookie: the one
 * decision behind {@link ApiKeyFilter} (every call through CXF) and {@link FileDownloadPreprocessor} (file
 * downloads outside CXF). An {@code Authorization} header of any other scheme is a bad key, not a fall-back to
 * the cookie. API keys are checked through {@link UserService#authenticate}, which caches them; a store that
 * cannot answer throws its {@link io.karafimages.api.ImagesException} (503) to the caller.
 */
final class Credentials {
    private final UserService users;
    private final SessionService sessions;

    Credentials(UserService users, SessionService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** The answer: a caller, or the 401 to send. */
    sealed interface Outcome permits Authenticated, Refused {
    }

    /** An authenticated caller; {@code session} is null for an API key. */
    record Authenticated(User user, String scheme, WebSession session) implements Outcome {
    }

    record Refused(Problem problem) implements Outcome {
    }

    static final Refused INVALID_KEY = new Refused(new Problem(401, "invalid_api_key", "The API key is not valid.",
            false).with("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    static final Refused SESSION_EXPIRED = new Refused(new Problem(401, "session_expired",
            "The session has expired or was logged out; log in again.", false));
    static final Refused MISSING = new Refused(new Problem(401, "unauthenticated",
            "Send an API key as 'Authorization: Bearer <key>', or log in (POST /v1/session).", false)
            .with("WWW-Authenticate", "Bearer"));

    /**
     * @param authorization the {@code Authorization} header, null when absent
     * @param sessionCookie the session cookie's value, empty when absent
     */
    Outcome require(String authorization, Optional<String> sessionCookie) {
        if (authorization != null && !authorization.isBlank()) {
            Optional<User> user = bearer(authorization);
            return user.isPresent() ? new Authenticated(user.get(), "Bearer", null) : INVALID_KEY;
        }
        if (sessionCookie.isEmpty()) {
            return MISSING;
        }
        Optional<WebSession> session = sessions.find(sessionCookie.get());
        return session.isPresent() ? new Authenticated(session.get().user(), "Session", session.get())
                : SESSION_EXPIRED;
    }

    /** Good credentials, or none: for calls that need none but show more to those who have them. */
    Optional<Authenticated> optional(String authorization, Optional<String> sessionCookie) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization).map(u -> new Authenticated(u, "Bearer", null));
        }
        return sessionCookie.flatMap(sessions::find).map(s -> new Authenticated(s.user(), "Session", s));
    }

    private Optional<User> bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? users.authenticate(authorization.substring(7).trim())
                : Optional.empty();
    }
}
