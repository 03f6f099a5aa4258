package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.ImagesException;
import io.karafimages.api.SessionService;
import io.karafimages.api.WebSession;

/**
 * The web app's login: {@code POST} opens a session (cookie + CSRF token), {@code GET} tells the page who is logged
 * in and its CSRF token again (after a reload), {@code DELETE} logs out and clears the cookie.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON = 8 * 1024;

    private final SessionService sessions;
    private final WebSettings settings;

    SessionResource(SessionService sessions, WebSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * JSON only: a page of another site can POST a form (no CORS preflight) but not {@code application/json}, so it
     * cannot log a visitor in under the attacker's account (login CSRF).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(@Context HttpServletRequest http, InputStream body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(BoundedBody.json(body, MAX_JSON));
        } catch (IOException e) {
            throw ImagesException.invalid("malformed_json", "The request body is not valid JSON.");
        }
        if (tree == null || !tree.isObject() || !tree.path("username").isTextual()
                || !tree.path("password").isTextual()) {
            throw ImagesException.invalid("invalid_input",
                    "Send {\"username\": \"...\", \"password\": \"...\"} as JSON.");
        }
        char[] password = tree.get("password").asText().toCharArray();
        WebSession s;
        try {
            s = sessions.login(tree.get("username").asText(), password,
                    settings.clientAddress(http.getRemoteAddr(), http.getHeader("X-Forwarded-For")));
        } finally {
            Arrays.fill(password, '\0');
        }
        boolean secure = settings.secureCookie(http.isSecure(), http.getRemoteAddr(),
                http.getHeader("X-Forwarded-Proto"));
        return Response.ok(view(s)).header(HttpHeaders.SET_COOKIE, SessionCookie.set(s.id(), settings.maxAge(), secure))
                .cacheControl(noStore()).build();
    }

    @GET
    public Response get(@Context SecurityContext security) {
        WebSession s = current(security).orElseThrow(() -> new ImagesException("unauthenticated", 401, false,
                "There is no session: this call was authenticated by an API key. Log in with POST /v1/session."));
        return Response.ok(view(s)).cacheControl(noStore()).build();
    }

    /** Logs out; idempotent, and clears the cookie even when the session has expired already. */
    @DELETE
    public Response logout(@Context SecurityContext security, @Context HttpServletRequest http) {
        current(security).ifPresent(s -> sessions.logout(s.id()));
        boolean secure = settings.secureCookie(http.isSecure(), http.getRemoteAddr(),
                http.getHeader("X-Forwarded-Proto"));
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(secure)).build();
    }

    private static Optional<WebSession> current(SecurityContext security) {
        return security instanceof ApiKeyFilter.Caller c ? c.session() : Optional.empty();
    }

    private static Map<String, Object> view(WebSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", s.user().name());
        m.put("user_id", s.user().id());
        m.put("csrf_token", s.csrfToken());
        m.put("expires_at", s.expiresAt().toString());
        return m;
    }

    private static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        c.setNoCache(true);
        return c;
    }
}
