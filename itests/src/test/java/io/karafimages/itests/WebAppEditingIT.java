package io.karafimages.itests;

import static io.karafimages.itests.AppPage.WAIT;
import static io.karafimages.itests.AppPage.awaitNewCard;
import static io.karafimages.itests.AppPage.awaitNewFinishedCard;
import static io.karafimages.itests.AppPage.awaitPreview;
import static io.karafimages.itests.AppPage.card;
import static io.karafimages.itests.AppPage.cardIds;
import static io.karafimages.itests.AppPage.drag;
import static io.karafimages.itests.AppPage.login;
import static io.karafimages.itests.AppPage.openViewer;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The web app's provenance panel, report and regenerate, drag-and-drop upload, drawing and inpainting, infinite
 * scroll and errors in words, in a real Chromium against the real distribution (see {@link WebAppIT}, whose page
 * helpers it shares through {@link AppPage}).
 */
public class WebAppEditingIT {
    private static final String IPTC_AI = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    private static KarafProcess karaf;
    private static String base;
    private static String apiKey;
    private static String password;

    @BeforeClass
    public static void startRuntime() throws Exception {
        karaf = new KarafProcess(Path.of("target", "webapp-editing-it-" + System.nanoTime()));
        karaf.set("etc/images.provider.local.cfg", "latency.ms", "1000");
        karaf.enableShellUser("ops", "ops-secret");
        karaf.start();
        base = "http://127.0.0.1:" + karaf.port();
        apiKey = karaf.initialApiKey();
        password = Files.readString(karaf.home().resolve("data/images/initial-password"), StandardCharsets.UTF_8)
                .trim();
    }

    @AfterClass
    public static void stopRuntime() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    /**
     * The panel shows what the signed manifest says (signer, actions, ingredients, digital source type) and the
     * reminder; Report reaches the operators (images:reports); a refused report shows the problem's detail; Regenerate
     * shows a new placeholder next to the source that turns into its preview.
     */
    @Test
    public void provenancePanelReportAndRegenerate() throws Exception {
        JsonNode task = karaf.http().runToEnd(apiKey, "generate", "{\"prompt\":\"a red kite over a green hill\"}",
                WAIT);
        String embedId = task.get("embed_id").asText();
        JsonNode c2pa = content(embedId).path("provenance").path("c2pa");
        assertEquals(c2pa.toString(), "c2pa.created", c2pa.path("actions").path(0).path("action").asText());
        assertEquals(IPTC_AI, content(embedId).path("provenance").path("iptc").path("digital_source_type").asText());
        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            login(b, "admin", password);
            openViewer(b, embedId);
            String panel = b.find("#prov-list").getText();
            for (String expected : new String[] { "Signed by", c2pa.path("signed_by").asText(), "c2pa.created",
                    c2pa.path("actions").path(0).path("software_agent").asText(), "made from nothing",
                    "trainedAlgorithmicMedia", "AI system" }) {
                assertTrue(expected + " in " + panel, panel.contains(expected));
            }
            assertTrue(b.find("#provenance .reminder").getText().contains("Review the image"));
            b.js("document.getElementById('provenance').scrollIntoView()");
            b.screenshot("07-provenance");

            // report: reason and comment; the operators see it with images:reports
            b.find("#report-open").click();
            assertEquals("true", b.find("#report-open").getAttribute("aria-expanded"));
            b.find("#report-reason option[value=artifact]").click();
            b.find("#report-comment").sendKeys("the kite has two tails");
            b.find("#report-form button[type=submit]").click();
            b.await(WAIT, "the thank-you notice", d -> b.find("#notice").getText().contains("report was sent"));
            String reports = karaf.shell("images:reports");
            assertTrue(reports, reports.contains(embedId) && reports.contains("artifact")
                    && reports.contains("the kite has two tails") && reports.contains("admin"));

            // a refused report: the problem document's detail in words, not a status
            b.find("#report-open").click();
            b.js("const s = document.getElementById('report-reason'); s.add(new Option('spam', 'spam'));"
                    + " s.value = 'spam';");
            b.find("#report-form button[type=submit]").click();
            b.awaitVisible("#error", WAIT);
            assertEquals("'reason' must be one of artifact, harmful, wrong_prompt or other.",
                    b.find("#error-text").getText());
            b.find("#error-close").click();

            // regenerate: the same skill and input again; a placeholder next to the source, then its preview
            Set<String> before = cardIds(b);
            b.find("#regenerate").click();
            String again = awaitNewCard(b, before, "processing");
            assertEquals("the new image is placed next to its source", again, b.js("return document.querySelector("
                    + "arguments[0]).nextElementSibling === document.querySelector(arguments[1]) ? arguments[2] : "
                    + "'elsewhere'", card(embedId), card(again), again));
            awaitPreview(b, card(again));
            JsonNode regenerated = content(again);
            JsonNode original = content(embedId);
            for (String field : new String[] { "skill", "prompt", "model" }) {
                assertEquals(field, original.get(field), regenerated.get(field));
            }
        }

        // the REST contract: owner only, codes for bad input
        Http http = karaf.http();
        Http.Response unknown = http.post("/embeds/00000000-0000-0000-0000-000000000000/report", apiKey,
                "{\"reason\":\"artifact\"}");
        assertEquals(unknown.toString(), 404, unknown.status());
        Http.Response tooLong = http.post("/embeds/" + embedId + "/report", apiKey,
                "{\"reason\":\"other\",\"comment\":\"" + "x".repeat(1001) + "\"}");
        assertEquals(tooLong.toString(), 400, tooLong.status());
        assertEquals("invalid_comment", tooLong.json().path("code").asText());
        Http.Response malformed = http.post("/embeds/" + embedId + "/report", apiKey, "{\"reason\":");
        assertEquals("malformed_json", malformed.json().path("code").asText());
        Http.Response stored = http.post("/embeds/" + embedId + "/report", apiKey, "{\"reason\":\"harmful\"}");
        assertEquals(stored.toString(), 201, stored.status());
        assertEquals("harmful", stored.json().path("reason").asText());
    }

    /**
     * A file dropped on the gallery becomes an embed (the drop is synthesized in the page: Selenium cannot drag OS
     * files); rectangle, arrow and freehand are drawn on it; a marked area inpainted makes a new embed from it.
     */
    @Test
    public void dropDrawAndInpaint() throws Exception {
        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            login(b, "admin", password);
            Set<String> before = cardIds(b);
            byte[] png = TestPictures.encode(TestPictures.subjectOnPlainBackground(320, 240), "png");
            b.js("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
                    + "const dt = new DataTransfer(); dt.items.add(new File([bytes], 'dropped.png', {type: 'image/png'}));"
                    + "const target = document.getElementById('gallery-section');"
                    + "for (const type of ['dragover', 'drop'])"
                    + "  target.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));",
                    Base64.getEncoder().encodeToString(png));
            String uploaded = awaitNewFinishedCard(b, before);
            JsonNode upload = content(uploaded);
            assertEquals("upload", upload.get("source").asText());
            assertEquals("dropped.png", upload.get("name").asText());
            assertEquals(320, upload.path("files").path("original").path("width").asInt());

            // draw: rectangle, arrow, freehand (annotations: nothing marked for editing)
            openViewer(b, uploaded);
            b.find("#tool-rect").click();
            drag(b, -0.3, -0.3, -0.05, -0.05);
            b.find("#tool-arrow").click();
            drag(b, 0.3, 0.3, 0.05, 0.05);
            b.find("#tool-free").click();
            drag(b, -0.3, 0.2, 0.2, 0.35);
            assertEquals(List.of("rect", "arrow", "free"), b.js("return window.imagesEditor.shapes().map(s => s.type)"));
            assertEquals("3 shapes drawn, 0 marked for editing.", b.find("#shape-count").getText());
            assertTrue("nothing to inpaint yet", !b.find("#run-inpaint").isEnabled());

            // mark an area and inpaint it: a new embed made by edit_inpaint from the upload, next to it
            b.find("#clear-shapes").click();
            b.find("#mark-mode").click();
            b.find("#tool-rect").click();
            drag(b, -0.1, -0.1, 0.12, 0.1);
            assertEquals("1 shape drawn, 1 marked for editing.", b.find("#shape-count").getText());
            b.find("#edit-prompt").sendKeys("a calm blue sky");
            Set<String> beforeInpaint = cardIds(b);
            b.find("#run-inpaint").click();
            String inpainted = awaitNewFinishedCard(b, beforeInpaint);
            JsonNode edit = content(inpainted);
            assertEquals("edit_inpaint", edit.get("skill").asText());
            assertEquals(uploaded, edit.get("source_embed_id").asText());
            JsonNode c2pa = edit.path("provenance").path("c2pa");
            assertEquals(c2pa.toString(), "c2pa.opened", c2pa.path("actions").path(0).path("action").asText());
            assertEquals(c2pa.toString(), "parentOf", c2pa.path("ingredients").path(0).path("relationship").asText());
            assertEquals(c2pa.toString(), uploaded + ".png", c2pa.path("ingredients").path(0).path("title").asText());
            assertEquals("the panel's type is the one the files were labelled with (the offline inpainter is "
                    + "classical, so an upload stays unlabelled): " + c2pa, edit.path("digital_source_type").asText(""),
                    c2pa.path("digital_source_type").asText(""));
            assertTrue("a plain upload carries no labels: " + upload, upload.path("provenance").isObject()
                    && upload.path("provenance").isEmpty());
        }
    }

    /** More embeds than a page: scrolling loads the next pages over the cursor API until all are shown. */
    @Test
    public void infiniteScrollLoadsEveryPage() throws Exception {
        byte[] png = TestPictures.encode(TestPictures.subjectOnPlainBackground(64, 48), "png");
        for (int i = 0; i < 26; i++) {
            karaf.http().upload(apiKey, png, "image/png");
        }
        Set<String> all = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = karaf.http().get("/embeds?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), apiKey)
                    .json();
            page.path("items").forEach(i -> all.add(i.path("embed_id").asText()));
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        assertTrue(all.size() + " embeds", all.size() > 24);

        try (Browser b = new Browser()) {
            b.driver.get(base + "/");
            login(b, "admin", password);
            b.await(WAIT, "every page loaded by scrolling", d -> {
                b.js("window.scrollTo(0, document.body.scrollHeight)");
                return b.find("#gallery-end").getText().equals("That is all of your images.");
            });
            assertEquals(all, cardIds(b));
            @SuppressWarnings("unchecked")
            List<String> pages = new ArrayList<>((List<String>) b.js("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(n => n.includes('/v1/embeds?limit='))"));
            assertTrue("a page per 24 embeds: " + pages, pages.size() >= (all.size() + 23) / 24);
            assertTrue("later pages follow the cursor: " + pages, pages.stream().anyMatch(p -> p.contains("cursor=")));
        }
    }

    private static JsonNode content(String embedId) {
        Http.Response r = karaf.http().get("/embeds/" + embedId + "/content", apiKey);
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }
}
