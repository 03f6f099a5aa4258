package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.providers.RecraftSimulator;

/**
 * Styles in the distribution: {@code create_style} through Recraft and offline, {@code generate} with the style,
 * {@code GET/DELETE /v1/styles}, and another user's style refused everywhere.
 *
 * <p>Recraft cannot be reached from here: the provider talks to {@link RecraftSimulator}, a SIMULATOR of Recraft's
 * documented API (styles and generations included) that checks what it receives.
 */
public class StylesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static RecraftSimulator recraft;
    private static KarafProcess karaf;
    private static Http http;
    private static String key;
    private static String warm;
    private static String orange;

    @BeforeClass
    public static void startRuntimeAgainstTheRecraftSimulator() throws Exception {
        String token = "recraft-" + UUID.randomUUID();
        recraft = new RecraftSimulator(token);
        karaf = new KarafProcess(Path.of("target", "styles-it-" + System.nanoTime()));
        karaf.environment("IMAGES_IT_RECRAFT_KEY", token);
        karaf.writeConfig("images.provider.recraft", Map.of(".api.key", "$[env:IMAGES_IT_RECRAFT_KEY]",
                "base.url", recraft.baseUrl(), "timeout.seconds", "30"));
        karaf.set("etc/images.tasks.cfg", "poll.interval.ms", "200");
        karaf.addBootFeatures("images-provider-recraft");
        karaf.enableShellUser("operator", UUID.randomUUID().toString());
        karaf.start();
        http = karaf.http();
        key = karaf.initialApiKey();
        Http.until(DEADLINE, () -> skill("create_style").path("providers").toString(), p -> p.contains("recraft"));
        warm = http.upload(key, TestPictures.encode(stripes(new Color(0xC0501A), new Color(0xF0A040)), "png"),
                "image/png");
        orange = http.upload(key, TestPictures.encode(stripes(new Color(0xE07020), new Color(0x803010)), "png"),
                "image/png");
    }

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.closeAll(karaf, recraft);
    }

    @After
    public void recraftSawOnlyValidRequests() {
        assertEquals("Recraft simulator", List.of(), recraft.problems());
    }

    @Test
    public void aRecraftStyleIsCreatedListedUsedByGenerateAndDeleted() {
        JsonNode created = runToEnd("create_style", "{\"images\":[{\"embed_id\":\"" + warm + "\"},{\"embed_id\":\""
                + orange + "\"}],\"base_style\":\"digital_illustration\"}");
        assertEquals(created.toString(), "completed", created.path("status").asText());
        String styleId = created.path("result").path("style_id").asText();
        assertEquals(created.path("embed_id").asText(), styleId);
        assertEquals("style", http.get("/embeds/" + styleId, key).json().path("type").asText());
        assertEquals(List.of(40L), charges(created.path("task_id").asText()));
        RecraftSimulator.StyleCall sent = recraft.styleCalls().get(recraft.styleCalls().size() - 1);
        assertEquals("digital_illustration", sent.fields().get("style"));
        assertEquals(2, sent.images().size());
        String recraftStyle = recraft.issuedStyleIds().get(recraft.issuedStyleIds().size() - 1);

        JsonNode listed = http.get("/styles", key).json().path("styles");
        JsonNode mine = find(listed, styleId);
        assertEquals("recraft", mine.path("provider").asText());
        assertEquals("digital_illustration", mine.path("base_style").asText());
        assertFalse("the provider's own id stays in the encrypted content", listed.toString().contains(recraftStyle));

        JsonNode generated = runToEnd("generate", "{\"prompt\":\"a lighthouse at dusk\",\"style_id\":\"" + styleId
                + "\",\"aspect_ratio\":\"16:9\"}");
        assertEquals(generated.toString(), "completed", generated.path("status").asText());
        RecraftSimulator.GenerationCall gen = recraft.generationCalls().get(recraft.generationCalls().size() - 1);
        assertEquals(recraftStyle, gen.fields().get("style_id"));
        assertEquals("recraftv3", gen.fields().get("model"));
        JsonNode content = http.get("/embeds/" + generated.path("embed_id").asText() + "/content", key).json();
        assertEquals(styleId, content.path("style_id").asText());
        assertEquals("recraft/recraftv3-styles", content.path("model").asText());

        Http.Response mismatch = http.post("/apps/images/generate", key, "{\"prompt\":\"x\",\"style_id\":\"" + styleId
                + "\",\"model\":\"local/procedural-v1\"}");
        assertEquals(400, mismatch.status());
        assertEquals("style_model_mismatch", mismatch.json().path("code").asText());

        assertEquals(204, http.send("DELETE", "/styles/" + styleId, key, null).status());
        assertEquals("", find(http.get("/styles", key).json().path("styles"), styleId).asText());
        Http.Response gone = http.post("/apps/images/generate", key, "{\"prompt\":\"x\",\"style_id\":\"" + styleId
                + "\"}");
        assertEquals(404, gone.status());
        assertEquals(404, http.send("DELETE", "/styles/" + styleId, key, null).status());
    }

    @Test
    public void anOfflineStyleColoursTheOfflineGenerationForFree() {
        int calls = recraft.totalCalls();
        JsonNode created = runToEnd("create_style", "{\"images\":[{\"embed_id\":\"" + warm
                + "\"}],\"model\":\"local/palette-style-v1\"}");
        assertEquals(created.toString(), "completed", created.path("status").asText());
        String styleId = created.path("result").path("style_id").asText();
        assertEquals("local", find(http.get("/styles", key).json().path("styles"), styleId).path("provider").asText());

        JsonNode generated = runToEnd("generate", "{\"prompt\":\"a lighthouse at dusk\",\"style_id\":\"" + styleId
                + "\"}");
        assertEquals(generated.toString(), "completed", generated.path("status").asText());
        assertEquals(calls, recraft.totalCalls());
        String embedId = generated.path("embed_id").asText();
        assertEquals("local/palette-style-v1", http.get("/embeds/" + embedId + "/content", key).json()
                .path("model").asText());
        BufferedImage picture = TestPictures.read(http.get("/embeds/" + embedId + "/file?format=original", key)
                .body());
        long red = 0;
        long blue = 0;
        for (int y = 0; y < picture.getHeight(); y += 4) {
            for (int x = 0; x < picture.getWidth(); x += 4) {
                int p = picture.getRGB(x, y);
                red += (p >> 16) & 0xff;
                blue += p & 0xff;
            }
        }
        assertTrue("a warm style makes a warm picture: red " + red + ", blue " + blue, red > blue * 3 / 2);
        assertEquals(List.of(), charges(created.path("task_id").asText()));
    }

    @Test
    public void anotherUsersStyleIsNotFoundAnywhereAndBadInputIsRefusedAtSubmit() throws Exception {
        JsonNode created = runToEnd("create_style", "{\"images\":[{\"embed_id\":\"" + warm
                + "\"}],\"model\":\"local/palette-style-v1\"}");
        String styleId = created.path("result").path("style_id").asText();
        String name = "eve-" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + name);
        String eve = karaf.shell("images:apikey-create " + name).lines().filter(l -> !l.isBlank())
                .reduce((a, b) -> b).orElseThrow().trim();
        assertEquals(List.of(), List.copyOf(toList(http.get("/styles", eve).json().path("styles"))));
        Http.Response use = http.post("/apps/images/generate", eve, "{\"prompt\":\"x\",\"style_id\":\"" + styleId
                + "\"}");
        assertEquals(use.toString(), 404, use.status());
        assertEquals("not_found", use.json().path("code").asText());
        assertEquals(404, http.send("DELETE", "/styles/" + styleId, eve, null).status());
        Http.Response foreignImage = http.post("/apps/images/create_style", eve, "{\"images\":[{\"embed_id\":\""
                + warm + "\"}]}");
        assertEquals(404, foreignImage.status());
        assertFalse(find(http.get("/styles", key).json().path("styles"), styleId).isMissingNode());

        int calls = recraft.totalCalls();
        Object[][] cases = {
            { "{\"images\":[]}", "images_required" },
            { "{}", "images_required" },
            { "{\"images\":[{\"embed_id\":\"" + warm + "\"}],\"base_style\":\"oil_painting\"}", "invalid_base_style" },
            { "{\"images\":[{\"embed_id\":\"" + warm + "\"}],\"model\":\"recraft/vectorize\"}", "unknown_model" },
        };
        for (Object[] c : cases) {
            Http.Response r = http.post("/apps/images/create_style", key, (String) c[0]);
            assertEquals(c[1] + ": " + r, 400, r.status());
            assertEquals(c[1], r.json().path("code").asText());
        }
        Http.Response tooMany = http.post("/apps/images/create_style", key, "{\"images\":["
                + ("{\"embed_id\":\"" + warm + "\"},").repeat(5) + "{\"embed_id\":\"" + warm + "\"}]}");
        assertEquals(400, tooMany.status());
        assertEquals("no provider call for refused input", calls, recraft.totalCalls());
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode find(JsonNode styles, String styleId) {
        for (JsonNode s : styles) {
            if (s.path("style_id").asText().equals(styleId)) {
                return s;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static BufferedImage stripes(Color a, Color b) {
        BufferedImage img = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 8; i++) {
            g.setColor(i % 2 == 0 ? a : b);
            g.fillRect(0, i * 64, 512, 64);
        }
        g.dispose();
        return img;
    }

    private static JsonNode skill(String id) {
        return http.skill(key, id);
    }

    private static JsonNode runToEnd(String skill, String body) {
        return http.runToEnd(key, skill, body, DEADLINE);
    }

    private static List<Long> charges(String taskId) {
        return http.charges(key, taskId);
    }
}
