package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Web app logins in the real distribution: the session cookie's flags, CSRF on cookie calls, expiry, logout,
 * fixation, rate limits, per-user isolation, and the password shell commands. The test client is the trusted
 * proxy (127.0.0.1), so it can present other client addresses and https through X-Forwarded-*.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionsIT extends ImagesTestSupport {
    private static final int IDLE_SECONDS = 4;
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Inject
    SessionFactory shell;

    @Configuration
    @Override
    public Option[] config() {
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 5);
        all[base.length] = editConfigurationFilePut("etc/images.web.cfg", "session.idle.timeout", "PT" + IDLE_SECONDS + "S");
        all[base.length + 1] = editConfigurationFilePut("etc/images.web.cfg", "login.max.failures", "3");
        all[base.length + 2] = editConfigurationFilePut("etc/images.web.cfg", "login.max.failures.per.address", "10");
        all[base.length + 3] = editConfigurationFilePut("etc/images.web.cfg", "trusted.proxies", "127.0.0.1, ::1");
        all[base.length + 4] = editConfigurationFilePut("etc/images.web.cfg", "login.failure.window", "PT10M");
        return all;
    }

    @Test
    public void theAdminsInitialPasswordIsInAPrivateFileAndLogsIn() throws Exception {
        Path file = dataDir().resolve("images/initial-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        assertTrue(password.length() >= 16);
        Http.Response r = login("admin", password, null);
        assertEquals(r.toString(), 200, r.status());
        assertEquals("admin", r.json().path("user").asText());
    }

    @Test
    public void aLoginSetsAnHttpOnlyStrictRootCookieSecureOnlyBehindHttps() throws Exception {
        String password = newUser("cookie");
        Http.Response r = login("cookie", password, null);
        assertEquals(r.toString(), 200, r.status());
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie, setCookie.startsWith("images_session="));
        assertTrue(setCookie, setCookie.contains("; HttpOnly"));
        assertTrue(setCookie, setCookie.contains("; SameSite=Strict"));
        assertTrue(setCookie, setCookie.contains("; Path=/"));
        assertTrue(setCookie, setCookie.contains("; Max-Age=43200"));
        assertFalse("no Secure over plain http: " + setCookie, setCookie.contains("Secure"));
        assertTrue(r.header("Cache-Control"), r.header("Cache-Control").contains("no-store"));
        String csrf = r.json().path("csrf_token").asText();
        assertEquals(43, csrf.length());

        Http.Response me = http().send("GET", "/session", null, null, "Cookie", cookie(r));
        assertEquals(me.toString(), 200, me.status());
        assertEquals("cookie", me.json().path("user").asText());
        assertEquals(csrf, me.json().path("csrf_token").asText());

        Http.Response proxied = http().send("POST", "/session", null, body("cookie", password),
                "X-Forwarded-Proto", "https", "X-Forwarded-For", nextAddress());
        assertEquals(proxied.toString(), 200, proxied.status());
        assertTrue(proxied.header("Set-Cookie"), proxied.header("Set-Cookie").endsWith("; Secure"));
    }

    @Test
    public void aWrongPasswordAndAnUnknownUserAreTheSame401() throws Exception {
        newUser("wrongpw");
        String address = nextAddress();
        Http.Response wrong = login("wrongpw", "not-the-password", address);
        Http.Response unknown = login("nobody-" + UUID.randomUUID(), "not-the-password", address);
        for (Http.Response r : new Http.Response[] { wrong, unknown }) {
            assertEquals(r.toString(), 401, r.status());
            assertEquals("invalid_credentials", r.json().path("code").asText());
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertNull(r.header("Set-Cookie"));
        }
        assertEquals(wrong.json().path("detail"), unknown.json().path("detail"));
        Http.Response malformed = http().send("POST", "/session", null, "{\"username\":1}");
        assertEquals(400, malformed.status());
        Http.Response form = http().sendBytes("POST", "/session", null,
                "username=wrongpw&password=x".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertEquals("a cross-site form cannot log anyone in", 415, form.status());
    }

    @Test
    public void everyLoginGetsANewSessionAndLogoutMakesTheCookieUseless() throws Exception {
        String password = newUser("fixation");
        Http.Response first = login("fixation", password, null);
        Http.Response second = login("fixation", password, null);
        assertNotEquals(cookie(first), cookie(second));
        assertEquals("the first session stays valid: two browsers", 200,
                http().send("GET", "/session", null, null, "Cookie", cookie(first)).status());

        Http.Response noCsrf = http().send("DELETE", "/session", null, null, "Cookie", cookie(second));
        assertEquals(403, noCsrf.status());
        Http.Response out = http().send("DELETE", "/session", null, null, "Cookie", cookie(second),
                "X-CSRF-Token", second.json().path("csrf_token").asText());
        assertEquals(out.toString(), 204, out.status());
        assertTrue(out.header("Set-Cookie"), out.header("Set-Cookie").contains("Max-Age=0"));
        Http.Response after = http().send("GET", "/usage", null, null, "Cookie", cookie(second));
        assertEquals(401, after.status());
        assertEquals("session_expired", after.json().path("code").asText());
        assertEquals(204, http().send("DELETE", "/session", null, null, "Cookie", cookie(second)).status());
        assertEquals(200, http().send("GET", "/usage", null, null, "Cookie", cookie(first)).status());
    }

    @Test
    public void anUnusedSessionExpiresAfterTheIdleTimeout() throws Exception {
        String password = newUser("idle");
        Http.Response r = login("idle", password, null);
        assertEquals(200, http().send("GET", "/session", null, null, "Cookie", cookie(r)).status());
        Thread.sleep(Duration.ofSeconds(IDLE_SECONDS + 1).toMillis()); // let the session sit unused, not a poll
        Http.Response expired = http().send("GET", "/session", null, null, "Cookie", cookie(r));
        assertEquals(expired.toString(), 401, expired.status());
        assertEquals("session_expired", expired.json().path("code").asText());
    }

    @Test
    public void cookieCallsThatChangeSomethingNeedTheCsrfTokenBearerCallsDoNot() throws Exception {
        String password = newUser("csrf");
        Http.Response r = login("csrf", password, null);
        String start = "{\"prompt\":\"a lighthouse\",\"draft\":true}";
        Http.Response missing = http().post("/apps/images/generate", null, start, "Cookie", cookie(r));
        assertEquals(missing.toString(), 403, missing.status());
        assertEquals("csrf_token_missing", missing.json().path("code").asText());
        Http.Response invalid = http().post("/apps/images/generate", null, start, "Cookie", cookie(r),
                "X-CSRF-Token", "x".repeat(43));
        assertEquals(403, invalid.status());
        assertEquals("csrf_token_invalid", invalid.json().path("code").asText());
        assertEquals("a read needs no token", 200,
                http().send("GET", "/usage", null, null, "Cookie", cookie(r)).status());
        Http.Response accepted = http().post("/apps/images/generate", null, start, "Cookie", cookie(r),
                "X-CSRF-Token", r.json().path("csrf_token").asText());
        assertEquals(accepted.toString(), 202, accepted.status());

        Http.Response bearer = http().post("/apps/images/generate", initialApiKey(), start);
        assertEquals(bearer.toString(), 202, bearer.status());
        Http.Response nothing = http().post("/apps/images/generate", null, start);
        assertEquals(401, nothing.status());
        assertEquals("unauthenticated", nothing.json().path("code").asText());
    }

    @Test
    public void repeatedFailuresForAUserAre429WithRetryAfter() throws Exception {
        String password = newUser("limited");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("limited", "wrong-" + i, nextAddress()).status());
        }
        Http.Response limited = login("limited", password, nextAddress());
        assertEquals(limited.toString(), 429, limited.status());
        assertEquals("rate_limited", limited.json().path("code").asText());
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue("Retry-After " + retryAfter, retryAfter > 500 && retryAfter <= 600);

        String address = nextAddress();
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login("unknown-" + i, "wrong", address).status());
        }
        String other = newUser("neighbour");
        assertEquals("per address too", 429, login("neighbour", other, address).status());
        assertEquals(200, login("neighbour", other, nextAddress()).status());
    }

    @Test
    public void aSessionUserCannotSeeAnotherUsersTask() throws Exception {
        Http.Response alice = login("alice-s", newUser("alice-s"), null);
        Http.Response bob = login("bob-s", newUser("bob-s"), null);
        Http.Response started = http().post("/apps/images/generate", null, "{\"prompt\":\"a red door\",\"draft\":true}",
                "Cookie", cookie(alice), "X-CSRF-Token", alice.json().path("csrf_token").asText());
        assertEquals(started.toString(), 202, started.status());
        String task = started.json().path("task_id").asText();
        assertEquals(200, http().send("GET", "/tasks/" + task, null, null, "Cookie", cookie(alice)).status());
        Http.Response foreign = http().send("GET", "/tasks/" + task, null, null, "Cookie", cookie(bob));
        assertEquals(foreign.toString(), 404, foreign.status());
        assertEquals(404, http().send("GET", "/embeds/" + started.json().path("embed_id").asText(), null, null,
                "Cookie", cookie(bob)).status());
    }

    @Test
    public void userPasswordChangesThePasswordAndEndsTheSessions() throws Exception {
        String old = newUser("carol");
        Http.Response before = login("carol", old, null);
        assertEquals(200, before.status());
        String next = "carol-" + UUID.randomUUID();
        String out = shell("images:user-password carol", next + "\n" + next + "\n");
        assertTrue(out, out.contains("Password of carol set"));
        assertEquals(401, login("carol", old, nextAddress()).status());
        assertEquals(200, login("carol", next, null).status());
        assertEquals("the old session ended", 401,
                http().send("GET", "/session", null, null, "Cookie", cookie(before)).status());

        String typo = shell("images:user-password carol", "one-password\nanother-one\n");
        assertTrue(typo, typo.contains("differ"));
        assertEquals(200, login("carol", next, null).status());
    }

    // ---- helpers

    /** Creates a user with a password through the shell, as an operator would; returns the password. */
    private String newUser(String prefix) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String out = shell("images:user-add " + prefix + " --password", password + "\n" + password + "\n");
        assertTrue(out, out.contains("Password of " + prefix + " set"));
        return password;
    }

    private String shell(String command, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session session = shell.create(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), ps, ps);
            try {
                asShellAdmin(() -> session.execute(command));
            } catch (Exception e) {
                ps.println(e.getMessage());
            } finally {
                session.close();
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Http.Response login(String user, String password, String address) {
        return address == null ? http().send("POST", "/session", null, body(user, password))
                : http().send("POST", "/session", null, body(user, password), "X-Forwarded-For", address);
    }

    private static String body(String user, String password) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** The Cookie header a browser would send back. */
    private static String cookie(Http.Response login) {
        String setCookie = login.header("Set-Cookie");
        assertNotNull(login.toString(), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String nextAddress() {
        return "198.51.100." + ADDRESSES.getAndIncrement();
    }
}
