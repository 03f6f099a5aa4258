package io.karafimages.rest.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.core.Cookie;

/**
 * The session cookie's {@code Set-Cookie} values, written by hand because JAX-RS 2.1's NewCookie has no
 * {@code SameSite}: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page sends it),
 * {@code Path=/} (the UI and the API share it), {@code Secure} when the settings say so.
 */
final class SessionCookie {
    static final String NAME = "images_session";

    private SessionCookie() {
    }

    static String set(String sessionId, Duration maxAge, boolean secure) {
        return NAME + "=" + sessionId + "; Max-Age=" + maxAge.toSeconds() + "; Path=/; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Tells the browser to forget the cookie. */
    static String clear(boolean secure) {
        return NAME + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static Optional<String> read(Map<String, Cookie> cookies) {
        Cookie c = cookies == null ? null : cookies.get(NAME);
        return c == null || c.getValue() == null || c.getValue().isEmpty() ? Optional.empty()
                : Optional.of(c.getValue());
    }

    /** The same from a servlet request's cookies (null when it has none). */
    static Optional<String> read(javax.servlet.http.Cookie[] cookies) {
        if (cookies != null) {
            for (javax.servlet.http.Cookie c : cookies) {
                if (NAME.equals(c.getName())) {
                    String value = c.getValue();
                    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
