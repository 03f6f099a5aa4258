package io.karafimages.itests;

import static io.karafimages.itests.AppPage.awaitNewCard;
import static io.karafimages.itests.AppPage.awaitNewFinishedCard;
import static io.karafimages.itests.AppPage.awaitPreview;
import static io.karafimages.itests.AppPage.cardIds;
import static io.karafimages.itests.AppPage.drag;
import static io.karafimages.itests.AppPage.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The web app in a real Chromium against the real distribution, run as its users run it ({@link KarafProcess}:
 * the tar.gz unpacked and started with bin/karaf). Selenium drives the browser from this JVM; it cannot live in
 * the OSGi container the way pax-exam probes do, so the runtime is a process of its own here, as in
 * {@link CrashAndRestartIT}. The offline local provider makes the images, slowed down a little so that the
 * placeholder is on screen before the preview replaces it.
 */
public class WebAppIT {
    private static final Duration WAIT = AppPage.WAIT;
    private static KarafProcess karaf;
    private static String base;
    private static String apiKey;

    @BeforeClass
    public static void startRuntime() throws Exception {
        karaf = new KarafProcess(Path.of("target", "webapp-it-" + System.nanoTime()));
        karaf.set("etc/images.provider.local.cfg", "latency.ms", "2500");
        karaf.start();
        base = "http://127.0.0.1:" + karaf.port();
        apiKey = karaf.initialApiKey();
    }

    @AfterClass
    public static void stopRuntime() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /** The UI is served at / from the bundle, with its security headers, and CXF still answers everything at /v1. */
    @Test
    public void theAppIsServedAtTheRootWithoutShadowingTheApi() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(index.body().contains("<script type=\"module\" src=\"/app/main.js\">"));
        String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp, csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(304, client.send(HttpRequest.newBuilder(URI.create(base + "/")).header("If-None-Match", etag)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode());

        HttpResponse<String> js = client.send(HttpRequest.newBuilder(URI.create(base + "/app/main.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(base + "/app/nothing.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        Http http = karaf.http();
        assertEquals(200, http.get("/health", null).status());
        assertEquals(200, http.get("/openapi.json", null).status());
        assertEquals(200, http.get("/apps/images/skills", apiKey).status());
        assertEquals(401, http.get("/apps/images/skills", null).status());
    }

    /**
     * Log in, generate, see the placeholder then the preview (no reload, no polling), fullscreen facts, crop, mark
     * and erase, delete, log out. Prints the page weight and the time to interactive of the first load.
     */
    @Test
    public void aUserGeneratesWatchesCropsErasesDeletesAndLogsOut() throws Exception {
        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            b.await(WAIT, "the app is interactive", d -> "true".equals(b.js(
                    "return document.documentElement.dataset.ready")));
            measureFirstLoad(b);
            b.awaitVisible("#login-form", WAIT);
            b.screenshot("01-login");

            login(b, "admin", adminPassword());
            b.js("window.__samePage = 'yes'");

            // generate: the placeholder shows at once, with prompt, model, progress and finish estimate
            String prompt = "a lighthouse on a cliff at dusk, watercolour";
            b.find("#prompt").sendKeys(prompt);
            assertTrue(b.find("#price").getText(), b.find("#price").getText().startsWith("Price: "));
            Set<String> before = cardIds(b);
            b.find("#start").click();
            String embedId = awaitNewCard(b, before, "processing");
            // read in one go: live updates re-render the placeholder (progress), so element handles go stale
            @SuppressWarnings("unchecked")
            List<Object> shown = (List<Object>) b.js("const li = document.querySelector(arguments[0]);"
                    + "const t = (s) => { const e = li.querySelector(s); return e ? e.textContent : null; };"
                    + "return [li.dataset.status, t('.prompt'), t('.model'), !!li.querySelector('progress'), t('.eta')]",
                    "#gallery li.card[data-embed-id='" + embedId + "']");
            assertEquals(shown.toString(), "processing", shown.get(0));
            assertTrue(shown.toString(), String.valueOf(shown.get(1)).contains("lighthouse"));
            assertFalse(shown.toString(), String.valueOf(shown.get(2)).isBlank());
            assertEquals(shown.toString(), Boolean.TRUE, shown.get(3));
            b.screenshot("02-placeholder");

            // the preview replaces it without a reload (live update; the socket itself is checked in its own test)
            String card = "#gallery li.card[data-embed-id='" + embedId + "']";
            awaitPreview(b, card);
            assertEquals("the page was not reloaded", "yes", b.js("return window.__samePage"));
            b.screenshot("03-gallery");

            // fullscreen: name, file type, size of the full rendition
            b.find(card + " button.open").click();
            b.awaitVisible("#viewer", WAIT);
            b.await(WAIT, "the full image", d -> Boolean.TRUE.equals(b.js(
                    "const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0"
                            + " && i.src.includes('format=full')")));
            assertTrue(b.find("#viewer-name").getText(), b.find("#viewer-name").getText().contains("lighthouse"));
            assertTrue(b.find("#viewer-type").getText(), b.find("#viewer-type").getText().startsWith("image/"));
            assertTrue(b.find("#viewer-size").getText(), b.find("#viewer-size").getText().matches(
                    "[0-9.]+ (B|KB|MB)"));
            assertEquals(3, b.all("#downloads a[download]").size());
            assertTrue(b.find("#prov-list").getText(), b.find("#prov-list").getText().contains("local/"));
            assertTrue(b.find("#provenance .reminder").isDisplayed());
            b.screenshot("04-fullscreen");

            // crop: drag a rectangle on the image, run the crop skill, the result has the rectangle's pixels
            JsonNode source = content(embedId).get("files").get("original");
            b.find("#tool-crop").click();
            drag(b, -0.25, -0.2, 0.2, 0.3);
            @SuppressWarnings("unchecked")
            Map<String, Number> rect = (Map<String, Number>) b.js("return window.imagesEditor.crop()");
            assertNotNull("a crop rectangle was drawn", rect);
            Set<String> beforeCrop = cardIds(b);
            b.find("#run-crop").click();
            String cropId = awaitNewFinishedCard(b, beforeCrop);
            assertEquals("the crop appears next to its source", cropId, b.js("return document.querySelector("
                    + "arguments[0]).nextElementSibling.dataset.embedId", card));
            JsonNode cropped = content(cropId).get("files").get("original");
            assertNear(expected(rect.get("x"), rect.get("w"), source.get("width").asInt()),
                    cropped.get("width").asInt(), 1);
            assertNear(expected(rect.get("y"), rect.get("h"), source.get("height").asInt()),
                    cropped.get("height").asInt(), 1);

            // mark an area and erase it: a new embed made by edit_erase_region from the source
            b.find(card + " button.open").click();
            b.awaitVisible("#viewer", WAIT);
            b.await(WAIT, "the full image", d -> Boolean.TRUE.equals(b.js(
                    "const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0")));
            b.find("#mark-mode").click();
            b.find("#tool-ellipse").click();
            drag(b, -0.1, -0.1, 0.15, 0.12);
            assertTrue(b.find("#shape-count").getText(), b.find("#shape-count").getText().contains("1 marked"));
            b.screenshot("05-marked");
            Set<String> beforeErase = cardIds(b);
            b.find("#run-erase").click();
            String erasedId = awaitNewFinishedCard(b, beforeErase);
            JsonNode erased = content(erasedId);
            assertEquals("edit_erase_region", erased.get("skill").asText());
            assertEquals(embedId, erased.get("source_embed_id").asText());

            // delete the erased one: gone from the gallery and from the server
            b.find("#gallery li.card[data-embed-id='" + erasedId + "'] button.open").click();
            b.awaitVisible("#viewer", WAIT);
            b.find("#delete").click();
            b.find("#delete-confirm").click();
            b.await(WAIT, "the card is removed", d -> b.all("#gallery li.card[data-embed-id='" + erasedId + "']")
                    .isEmpty());
            assertEquals(404, karaf.http().get("/embeds/" + erasedId, apiKey).status());

            // log out: back to the login form, and the session is gone
            b.find("#logout").click();
            b.awaitVisible("#login-form", WAIT);
            assertEquals(401L, b.js("return fetch('/v1/session').then(r => r.status)"));
        }
    }

    /**
     * Live updates over the WebSocket: the placeholder turns into the preview with no request for the task or the
     * embed (no polling while the socket is up, no "disconnected" notice), and the fresh AI image shows the AI mark,
     * which fades out after a few seconds.
     */
    @Test
    public void aStartedTaskTurnsIntoItsPreviewOverTheSocketWithoutPolling() throws Exception {
        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            login(b, "admin", adminPassword());
            Set<String> before = cardIds(b);
            b.find("#prompt").sendKeys("a paper boat on a puddle");
            b.find("#start").click();
            String embedId = awaitNewCard(b, before, "processing");
            String card = "#gallery li.card[data-embed-id='" + embedId + "']";
            awaitPreview(b, card);
            assertTrue("the AI mark shows on the fresh image", !b.all(card + " .ai-badge").isEmpty());
            b.await(Duration.ofSeconds(10), "the AI mark fades out", d -> b.all(card + " .ai-badge").isEmpty());
            assertTrue("no polling while the socket is up: " + polledUrls(b), polledUrls(b).isEmpty());
            assertFalse(b.find("#notice").getText(), b.find("#notice").isDisplayed());
        }
    }

    private static void measureFirstLoad(Browser b) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) b.js(
                "const nav = performance.getEntriesByType('navigation')[0];"
                        + "const res = performance.getEntriesByType('resource');"
                        + "const all = [nav, ...res];"
                        + "const mark = performance.getEntriesByName('images-interactive')[0];"
                        + "return {transfer: all.reduce((s, e) => s + e.transferSize, 0),"
                        + " decoded: all.reduce((s, e) => s + e.decodedBodySize, 0), requests: all.length,"
                        + " tti: mark ? mark.startTime : -1, dcl: nav.domContentLoadedEventEnd};");
        double kb = ((Number) m.get("transfer")).doubleValue() / 1024;
        double tti = ((Number) m.get("tti")).doubleValue();
        System.out.printf("WEBAPP first load: %.1f KB transferred (%.1f KB decoded) in %s requests; "
                + "time to interactive %.0f ms (DOMContentLoaded %.0f ms)%n", kb,
                ((Number) m.get("decoded")).doubleValue() / 1024, m.get("requests"), tti,
                ((Number) m.get("dcl")).doubleValue());
        assertTrue("the first load transferred something: " + m, kb > 1);
        assertTrue("the app marked itself interactive: " + m, tti > 0);
    }

    private static int expected(Number start, Number length, int size) {
        int x0 = (int) Math.round(start.doubleValue() * size);
        int x1 = Math.min(size, (int) Math.round((start.doubleValue() + length.doubleValue()) * size));
        return x1 - x0;
    }

    private static void assertNear(int expected, int actual, int tolerance) {
        assertTrue("expected " + expected + " +/- " + tolerance + " but was " + actual,
                Math.abs(expected - actual) <= tolerance);
    }

    /** Requests for single tasks or embeds the page made: there are none while live updates flow. */
    @SuppressWarnings("unchecked")
    private static List<String> polledUrls(Browser b) {
        return (List<String>) b.js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => /\\/v1\\/tasks\\/|\\/v1\\/embeds\\/[^/?]+$/.test(n))");
    }

    private static JsonNode content(String embedId) {
        Http.Response r = karaf.http().get("/embeds/" + embedId + "/content", apiKey);
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private static String adminPassword() throws Exception {
        return Files.readString(karaf.home().resolve("data/images/initial-password"), StandardCharsets.UTF_8).trim();
    }

    /**
     * Another user in another browser context sees none of the first user's images. The shell asks for web app
     * passwords interactively (twice, not echoed), which {@code bin/client} cannot answer; so this test runs its own
     * runtime whose logins go through Karaf's JAAS realm ({@code images.web} {@code jaas.realm = karaf}, the
     * operator's LDAP route) with both users in {@code etc/users.properties}. The admin's images are made through
     * the REST API with the initial API key: the same user as the admin's browser session.
     */
    @Test
    public void aSecondUserInAnotherBrowserSeesNoneOfIt() throws Exception {
        String adminPassword = "admin-" + Long.toHexString(System.nanoTime()) + "-Secret!";
        String bobPassword = "bob-" + Long.toHexString(System.nanoTime()) + "-Secret!";
        try (KarafProcess other = new KarafProcess(Path.of("target", "webapp-it-jaas-" + System.nanoTime()))) {
            other.set("etc/images.web.cfg", "jaas.realm", "karaf");
            Files.writeString(other.home().resolve("etc/users.properties"), "\nadmin = " + adminPassword
                    + ",viewer\nbob = " + bobPassword + ",viewer\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            other.start();
            String otherBase = "http://127.0.0.1:" + other.port();
            String key = other.initialApiKey();
            Http.Response mine = other.http().post("/apps/images/generate", key, "{\"prompt\":\"admin only\"}");
            String adminEmbed = mine.json().get("embed_id").asText();
            other.http().awaitTask(mine.json().get("task_id").asText(), key, WAIT);

            try (Browser admin = new Browser(); Browser bob = new Browser()) {
                admin.driver.get(otherBase + "/");
                login(admin, "admin", adminPassword);
                admin.await(WAIT, "admin sees the image", d -> !admin.all("#gallery li.card[data-embed-id='"
                        + adminEmbed + "']").isEmpty());

                bob.driver.get(otherBase + "/");
                login(bob, "bob", bobPassword);
                bob.await(WAIT, "bob's gallery is loaded", d -> !bob.find("#gallery-end").getText().isBlank()
                        && !bob.find("#gallery-end").getText().startsWith("Loading"));
                assertTrue(bob.all("#gallery li.card").isEmpty());
                assertEquals("bob", bob.find("#user-name").getText());
                assertEquals(404L, bob.js("return fetch(arguments[0]).then(r => r.status)",
                        "/v1/embeds/" + adminEmbed + "/file?format=preview"));
                assertEquals(404L, bob.js("return fetch(arguments[0]).then(r => r.status)",
                        "/v1/embeds/" + adminEmbed + "/content"));
                // the admin's browser is still the admin's: the two contexts do not share the cookie
                assertEquals("admin", admin.find("#user-name").getText());
                assertEquals(200L, admin.js("return fetch(arguments[0]).then(r => r.status)",
                        "/v1/embeds/" + adminEmbed + "/content"));
            }
        }
    }

    /** A page whose CSRF token was removed sends no X-CSRF-Token: the server refuses, the page says why. */
    @Test
    public void aPageWithoutItsCsrfTokenCannotStartATask() throws Exception {
        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            login(b, "admin", adminPassword());
            long tasksBefore = karaf.http().get("/tasks?limit=100", apiKey).json().get("items").size();
            b.js("document.querySelector('meta[name=\"csrf-token\"]').remove()");
            Set<String> before = cardIds(b);
            b.find("#prompt").sendKeys("this must not start");
            b.find("#start").click();
            WebElement error = b.awaitVisible("#error", WAIT);
            assertFalse(error.getText().isBlank());
            assertNotEquals("the error is in words, not a bare status", "The server answered 403.",
                    b.find("#error-text").getText());
            b.screenshot("06-csrf-refused");
            assertEquals(before, cardIds(b));
            assertEquals(tasksBefore, karaf.http().get("/tasks?limit=100", apiKey).json().get("items").size());
        }
    }
}
