package io.karafimages.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import io.karafimages.api.SessionService;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.api.WebSession;

/**
 * Authentication on every call except the public ones: a Bearer API key, or the web app's session cookie. With the
 * cookie, every state-changing call must echo the session's CSRF token in {@code X-CSRF-Token} (a page of another
 * site cannot read it); Bearer calls need none, since no browser adds an Authorization header on its own.
 */
final class ApiKeyFilter implements ContainerRequestFilter {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> PUBLIC = Set.of("health", "openapi.json", "provenance/certificate");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final UserService users;
    private final SessionService sessions;

    ApiKeyFilter(UserService users, SessionService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        String method = request.getMethod();
        boolean sessionPath = path.equals("session");
        if (sessionPath && "POST".equals(method)) {
            return; // the login itself is what gives credentials
        }
        if (PUBLIC.contains(path)) {
            optional(request); // public, but an admin's credentials show more (health details)
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && !header.isBlank()) {
            bearer(request, header);
            return;
        }
        Optional<String> cookie = SessionCookie.read(request.getCookies());
        Optional<WebSession> session = cookie.flatMap(sessions::find);
        if (session.isEmpty()) {
            if (sessionPath && "DELETE".equals(method)) {
                return; // logging out of an expired session only clears the cookie
            }
            request.abortWith(cookie.isPresent()
                    ? Problems.of(401, "session_expired", "The session has expired or was logged out; log in again.",
                            false).build()
                    : Problems.of(401, "unauthenticated",
                            "Send an API key as 'Authorization: Bearer <key>', or log in (POST /v1/session).", false)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        WebSession s = session.get();
        if (STATE_CHANGING.contains(method)) {
            String token = request.getHeaderString(CSRF_HEADER);
            if (token == null || token.isBlank()) {
                request.abortWith(Problems.of(403, "csrf_token_missing", "A call authenticated by the session "
                        + "cookie that changes something needs the session's csrf_token in the X-CSRF-Token header.",
                        false).build());
                return;
            }
            if (!MessageDigest.isEqual(token.trim().getBytes(StandardCharsets.UTF_8),
                    s.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                request.abortWith(Problems.of(403, "csrf_token_invalid", "The X-CSRF-Token header does not match "
                        + "this session's csrf_token (GET /v1/session returns it).", false).build());
                return;
            }
        }
        authenticate(request, s.user(), "Session", s);
    }

    /** Authenticates a call that needs no credentials when it has good ones; bad ones leave it anonymous. */
    private void optional(ContainerRequestContext request) {
        try {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                users.authenticate(header.substring(7).trim())
                        .ifPresent(u -> authenticate(request, u, "Bearer", null));
                return;
            }
            SessionCookie.read(request.getCookies()).flatMap(sessions::find)
                    .ifPresent(s -> authenticate(request, s.user(), "Session", s));
        } catch (io.karafimages.api.ImagesException storeDown) {
            // health must still answer (status "down") when the database cannot check the credentials
        }
    }

    private void bearer(ContainerRequestContext request, String header) {
        Optional<User> user = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? users.authenticate(header.substring(7).trim())
                : Optional.empty();
        if (user.isEmpty()) {
            request.abortWith(Problems.of(401, "invalid_api_key", "The API key is not valid.", false)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
            return;
        }
        authenticate(request, user.get(), "Bearer", null);
    }

    private static void authenticate(ContainerRequestContext request, User u, String scheme, WebSession session) {
        request.setSecurityContext(new Caller(u, scheme, request.getSecurityContext().isSecure(), session));
    }

    /** Who is calling, and through which session when it was the cookie. */
    static final class Caller implements SecurityContext {
        private final User user;
        private final String scheme;
        private final boolean secure;
        private final WebSession session;

        Caller(User user, String scheme, boolean secure, WebSession session) {
            this.user = user;
            this.scheme = scheme;
            this.secure = secure;
            this.session = session;
        }

        User user() {
            return user;
        }

        /** The session of a cookie-authenticated call; empty for a Bearer call. */
        Optional<WebSession> session() {
            return Optional.ofNullable(session);
        }

        @Override
        public Principal getUserPrincipal() {
            return user::id;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
