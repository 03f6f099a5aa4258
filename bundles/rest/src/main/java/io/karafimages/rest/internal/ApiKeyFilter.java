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
 * Authentication on every call except the public ones: a Bearer API key, or the web app's session cookie
 * ({@link Credentials}). With the cookie, every state-changing call must echo the session's CSRF token in
 * {@code X-CSRF-Token} (a page of another site cannot read it); Bearer calls need none, since no browser adds an
 * Authorization header on its own.
 */
final class ApiKeyFilter implements ContainerRequestFilter {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> PUBLIC = Set.of("health", "openapi.json", "provenance/certificate");
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Credentials credentials;

    ApiKeyFilter(UserService users, SessionService sessions) {
        this.credentials = new Credentials(users, sessions);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        String method = request.getMethod();
        boolean sessionPath = path.equals("session");
        if (sessionPath && "POST".equals(method)) {
            return; // the login itself is what gives credentials
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> cookie = SessionCookie.read(request.getCookies());
        if (PUBLIC.contains(path)) {
            optional(request, header, cookie); // public, but an admin's credentials show more (health details)
            return;
        }
        Credentials.Outcome outcome = credentials.require(header, cookie);
        if (outcome instanceof Credentials.Refused refused) {
            if (refused != Credentials.INVALID_KEY && sessionPath && "DELETE".equals(method)) {
                return; // logging out of an expired (or no) session only clears the cookie
            }
            request.abortWith(refused.problem().response());
            return;
        }
        Credentials.Authenticated caller = (Credentials.Authenticated) outcome;
        if (caller.session() != null && STATE_CHANGING.contains(method)) {
            String token = request.getHeaderString(CSRF_HEADER);
            if (token == null || token.isBlank()) {
                request.abortWith(Problems.of(403, "csrf_token_missing", "A call authenticated by the session "
                        + "cookie that changes something needs the session's csrf_token in the X-CSRF-Token header.",
                        false).build());
                return;
            }
            if (!MessageDigest.isEqual(token.trim().getBytes(StandardCharsets.UTF_8),
                    caller.session().csrfToken().getBytes(StandardCharsets.UTF_8))) {
                request.abortWith(Problems.of(403, "csrf_token_invalid", "The X-CSRF-Token header does not match "
                        + "this session's csrf_token (GET /v1/session returns it).", false).build());
                return;
            }
        }
        authenticate(request, caller);
    }

    /** Authenticates a call that needs no credentials when it has good ones; bad ones leave it anonymous. */
    private void optional(ContainerRequestContext request, String header, Optional<String> cookie) {
        try {
            credentials.optional(header, cookie).ifPresent(c -> authenticate(request, c));
        } catch (io.karafimages.api.ImagesException storeDown) {
            // health must still answer (status "down") when the database cannot check the credentials
        }
    }

    private static void authenticate(ContainerRequestContext request, Credentials.Authenticated c) {
        request.setSecurityContext(new Caller(c.user(), c.scheme(), request.getSecurityContext().isSecure(),
                c.session()));
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
