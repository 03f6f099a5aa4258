package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import javax.ws.rs.core.Cookie;

import org.junit.jupiter.api.Test;

/** The session cookie's flags, and which proxy headers are believed. */
class WebSettingsTest {
    private final WebSettings auto = new WebSettings("auto", "10.0.0.0/8, 192.168.1.5, ::1", Duration.ofHours(12));

    @Test
    void theCookieIsHttpOnlyStrictOnRootPathWithTheAbsoluteTimeoutAsMaxAge() {
        assertEquals("images_session=abc; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict",
                SessionCookie.set("abc", auto.maxAge(), false));
        assertEquals("images_session=abc; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict; Secure",
                SessionCookie.set("abc", auto.maxAge(), true));
        assertEquals("images_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict",
                SessionCookie.clear(false));
    }

    @Test
    void autoIsSecureOverHttpsOrWhenATrustedProxySaysHttps() {
        assertTrue(auto.secureCookie(true, "203.0.113.9", null));
        assertFalse(auto.secureCookie(false, "203.0.113.9", null));
        assertFalse(auto.secureCookie(false, "203.0.113.9", "https"), "an untrusted peer's header is ignored");
        assertTrue(auto.secureCookie(false, "10.1.2.3", "https"));
        assertTrue(auto.secureCookie(false, "192.168.1.5", "HTTPS, http"));
        assertFalse(auto.secureCookie(false, "192.168.1.6", "https"));
        assertTrue(auto.secureCookie(false, "0:0:0:0:0:0:0:1", "https"), "IPv6 literals in any spelling");
        assertFalse(auto.secureCookie(false, "10.1.2.3", "http"));
    }

    @Test
    void alwaysAndNeverOverrideTheRequest() {
        WebSettings always = new WebSettings("always", "", Duration.ofHours(1));
        WebSettings never = new WebSettings("NEVER", "", Duration.ofHours(1));
        assertTrue(always.secureCookie(false, "203.0.113.9", null));
        assertFalse(never.secureCookie(true, "203.0.113.9", "https"));
        assertThrows(IllegalArgumentException.class, () -> new WebSettings("sometimes", "", Duration.ofHours(1)));
    }

    @Test
    void theClientAddressIsThePeerUnlessATrustedProxyForwardedIt() {
        assertEquals("203.0.113.9", auto.clientAddress("203.0.113.9", "1.2.3.4"), "untrusted peer: its header lies");
        assertEquals("1.2.3.4", auto.clientAddress("10.0.0.1", "1.2.3.4"));
        assertEquals("1.2.3.4", auto.clientAddress("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.7"),
                "the right-most untrusted hop; the left part is the client's own claim");
        assertEquals("10.0.0.1", auto.clientAddress("10.0.0.1", "not-an-address"));
        assertEquals("10.0.0.1", auto.clientAddress("10.0.0.1", null));
    }

    @Test
    void trustedProxiesAreAddressLiteralsNeverNames() {
        assertThrows(IllegalArgumentException.class, () -> new WebSettings("auto", "proxy.example", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new WebSettings("auto", "10.0.0.0/33", Duration.ZERO));
        assertFalse(auto.trusted("localhost"));
    }

    @Test
    void theCookieIsReadByName() {
        assertEquals("v", SessionCookie.read(Map.of("images_session", new Cookie("images_session", "v"))).orElseThrow());
        assertTrue(SessionCookie.read(Map.of("other", new Cookie("other", "v"))).isEmpty());
        assertTrue(SessionCookie.read(Map.of("images_session", new Cookie("images_session", ""))).isEmpty());
        assertEquals(Duration.ofSeconds(90), WebSettings.duration("90"));
        assertEquals(Duration.ofMinutes(5), WebSettings.duration("PT5M"));
    }
}
