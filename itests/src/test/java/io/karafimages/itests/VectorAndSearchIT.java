package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.testsupport.onnx.TinyOnnxModels;
import io.karafimages.testsupport.providers.RecraftSimulator;
import io.karafimages.testsupport.providers.RecraftTracing;
import io.karafimages.testsupport.providers.SerpApiSimulator;

/**
 * Vector results, reverse search and the operator's ONNX model in the distribution: {@code vectorize} through
 * Recraft and offline, the SVG sanitised and served as inert content; {@code reverse_search} through SerpApi Google
 * Lens; {@code remove_background} by a tiny ONNX model the test writes itself (no model weights can be downloaded
 * here), loaded by ONNX Runtime inside Karaf.
 *
 * <p>Neither Recraft nor SerpApi can be reached from here: the providers talk to SIMULATORS of their documented
 * APIs from test-support ({@link RecraftSimulator}, {@link SerpApiSimulator}), which check the fields they receive.
 * The offline reverse search (no SerpApi configured) is covered by {@code GenerateFlowIT}.
 */
public class VectorAndSearchIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private static RecraftSimulator recraft;
    private static SerpApiSimulator serpapi;
    private static KarafProcess karaf;
    private static Http http;
    private static String key;
    private static String source;

    @BeforeClass
    public static void startRuntimeAgainstTheSimulators() throws Exception {
        String recraftToken = "recraft-" + UUID.randomUUID();
        String serpKey = "serp-" + UUID.randomUUID();
        recraft = new RecraftSimulator(recraftToken);
        serpapi = new SerpApiSimulator(serpKey);
        karaf = new KarafProcess(Path.of("target", "vector-search-it-" + System.nanoTime()));
        karaf.environment("IMAGES_IT_RECRAFT_KEY", recraftToken);
        karaf.environment("SERPAPI_KEY", serpKey);
        karaf.writeConfig("images.provider.recraft", Map.of(".api.key", "$[env:IMAGES_IT_RECRAFT_KEY]",
                "base.url", recraft.baseUrl(), "timeout.seconds", "30"));
        karaf.writeConfig("images.provider.serpapi", Map.of(".api.key", "$[env:SERPAPI_KEY]",
                "base.url", serpapi.baseUrl(), "timeout.seconds", "30"));
        Path model = Files.createTempFile("tiny-saliency", ".onnx");
        Files.write(model, TinyOnnxModels.brightness(12f, -1));
        karaf.writeConfig("images.provider.onnx", Map.of("model.path", model.toAbsolutePath().toString()));
        karaf.set("etc/images.tasks.cfg", "poll.interval.ms", "200");
        karaf.addBootFeatures("images-provider-recraft", "images-provider-serpapi", "images-provider-onnx");
        karaf.start();
        http = karaf.http();
        key = karaf.initialApiKey();
        Http.until(DEADLINE, () -> skill("reverse_search").path("providers").toString(), p -> p.contains("serpapi"));
        Http.until(DEADLINE, () -> skill("vectorize").path("providers").toString(), p -> p.contains("recraft"));
        Http.until(DEADLINE, () -> skill("remove_background").path("providers").toString(), p -> p.contains("onnx"));
        source = http.upload(key, TestPictures.encode(TestPictures.subjectOnPlainBackground(640, 480), "png"),
                "image/png");
    }

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.closeAll(karaf, recraft, serpapi);
    }

    @After
    public void simulatorsSawOnlyValidRequests() {
        assertEquals("Recraft simulator", List.of(), recraft.problems());
        assertEquals("SerpApi simulator", List.of(), serpapi.problems());
    }

    @Test
    public void aHostileSvgFromRecraftIsSanitisedServedInertAndRenderedToWebp() throws Exception {
        recraft.hostileSvg(true);
        JsonNode task;
        try {
            task = runToEnd("vectorize", "{\"image\":{\"embed_id\":\"" + source + "\"}}");
        } finally {
            recraft.hostileSvg(false);
        }
        assertEquals(task.toString(), "completed", task.path("status").asText());
        String embedId = task.path("embed_id").asText();
        JsonNode content = http.get("/embeds/" + embedId + "/content", key).json();
        assertEquals("recraft/vectorize", content.path("model").asText());
        assertEquals("svg", content.path("files").path("original").path("format").asText());
        assertEquals(List.of(10L), charges(task.path("task_id").asText()));

        Http.Response original = http.get("/embeds/" + embedId + "/file?format=original", key);
        assertEquals(200, original.status());
        assertEquals("image/svg+xml", original.header("Content-Type"));
        assertEquals(FILE_POLICY, original.header("Content-Security-Policy"));
        assertEquals("nosniff", original.header("X-Content-Type-Options"));
        String svg = new String(original.body(), StandardCharsets.UTF_8);
        for (String marker : RecraftTracing.HOSTILE_MARKERS) {
            assertFalse("'" + marker + "' survived: " + svg, svg.contains(marker));
        }
        Document doc = parse(original.body());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertNoActiveContent(doc.getDocumentElement());
        assertEquals("nothing was fetched from the SVG's references", 0, recraft.elsewhereHits());

        double ratio = Double.parseDouble(doc.getDocumentElement().getAttribute("width"))
                / Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        for (String format : List.of("full", "preview")) {
            Http.Response r = http.get("/embeds/" + embedId + "/file?format=" + format, key);
            assertEquals("image/webp", r.header("Content-Type"));
            int[] size = GenerateFlowIT.webpSize(r.body());
            assertEquals(format + " keeps the SVG's aspect ratio", ratio, (double) size[0] / size[1], 0.01);
        }
        assertEquals(640.0 / 480.0, ratio, 0.01);
    }

    @Test
    public void theOfflineTracerMakesPathsForFreeAndTheSvgAndItsRenderAreTrustedWithTheSourceAsParent()
            throws Exception {
        int calls = recraft.totalCalls();
        JsonNode task = runToEnd("vectorize", "{\"image\":{\"embed_id\":\"" + source
                + "\"},\"model\":\"local/trace-vectorize-v1\"}");
        assertEquals(task.toString(), "completed", task.path("status").asText());
        assertEquals(calls, recraft.totalCalls());
        String embedId = task.path("embed_id").asText();
        assertEquals(List.of(), charges(task.path("task_id").asText()));
        Document doc = parse(http.get("/embeds/" + embedId + "/file?format=original", key).body());
        assertTrue("paths", doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength() > 0);

        Path anchor = Provenance.instanceCa(http);
        for (String format : List.of("original", "full")) {
            C2paVerify.Report report = C2paVerify.verify(Provenance.download(http, key, embedId, format), anchor);
            assertEquals(format + ": " + report, "Trusted", report.state());
            assertEquals(format, 1, Provenance.parentIngredients(report).size());
            assertEquals(format, List.of("c2pa.opened", "c2pa.edited"), Provenance.actions(Provenance.parentChain(
                    report).get(0)).subList(0, 2));
        }
        // the signed SVG is still the sanitised drawing: labelling added metadata only
        Document signed = parse(http.get("/embeds/" + embedId + "/file?format=original", key).body());
        assertNoActiveContent(signed.getDocumentElement());

        // A vector embed is an image like any other: the next edit reads its full render.
        JsonNode crop = runToEnd("crop", "{\"image\":{\"embed_id\":\"" + embedId
                + "\"},\"rect\":{\"x\":0,\"y\":0,\"w\":0.5,\"h\":0.5}}");
        assertEquals(crop.toString(), "completed", crop.path("status").asText());
        assertEquals(List.of(320, 240), sizeOf(crop.path("embed_id").asText()));
    }

    @Test
    public void reverseSearchSendsSerpApiOnlyAMetadataFreeJpegAndKeepsTheMatchesEncrypted() throws Exception {
        byte[] jpegWithGps = Provenance.withGpsAndOrientation6(TestPictures.encode(
                TestPictures.subjectOnPlainBackground(1600, 1200), "jpeg"));
        String photo = http.upload(key, jpegWithGps, "image/jpeg");
        int uploads = serpapi.uploads().size();
        JsonNode task = runToEnd("reverse_search", "{\"image\":{\"embed_id\":\"" + photo
                + "\"},\"query\":\"lighthouse\"}");
        assertEquals(task.toString(), "completed", task.path("status").asText());
        String embedId = task.path("embed_id").asText();

        SerpApiSimulator.Upload sent = serpapi.uploads().get(uploads);
        assertEquals("jpeg", sent.format());
        assertEquals("no metadata segments", List.of(), sent.metadata());
        assertTrue(sent.data().length <= SerpApiSimulator.MAX_UPLOAD_BYTES);
        for (SerpApiSimulator.Request r : serpapi.requests()) {
            assertFalse("no url parameter: " + r, r.query().containsKey("url"));
            for (String value : r.textValues()) {
                assertFalse("no address of ours: " + value, value.contains("localhost") || value.contains("127.0.0.1")
                        || value.contains(photo));
            }
        }
        assertTrue(serpapi.requests().stream().anyMatch(r -> List.of("lighthouse").equals(r.query().get("q"))));

        JsonNode embed = http.get("/embeds/" + embedId, key).json();
        assertEquals("search_results", embed.path("type").asText());
        JsonNode content = http.get("/embeds/" + embedId + "/content", key).json();
        assertEquals("google_lens", content.path("engine").asText());
        assertEquals(photo, content.path("source_embed_id").asText());
        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.size(), content.path("matches").size());
        JsonNode first = content.path("matches").get(0);
        assertEquals(1, first.path("position").asInt());
        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.get(0).title(), first.path("title").asText());
        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.get(0).link(), first.path("link").asText());
        assertTrue(first.has("source") && first.has("thumbnail_url"));
        assertEquals(List.of(15L), charges(task.path("task_id").asText()));

        Http.Response file = http.get("/embeds/" + embedId + "/file", key);
        assertEquals(404, file.status());
        assertEquals("no_files", file.json().path("code").asText());
    }

    @Test
    public void aFailingSearchEngineEndsInACleanFailureAndCostsNothing() {
        serpapi.answerSearches(SerpApiSimulator.Answer.UNAUTHORIZED);
        try {
            JsonNode task = runToEnd("reverse_search", "{\"image\":{\"embed_id\":\"" + source + "\"}}");
            assertEquals(task.toString(), "failed", task.path("status").asText());
            assertEquals("provider_unavailable", task.path("error").path("code").asText());
            assertEquals(List.of(), charges(task.path("task_id").asText()));
            assertEquals("error", http.get("/embeds/" + task.path("embed_id").asText(), key).json().path("status")
                    .asText());
        } finally {
            serpapi.answerSearches(SerpApiSimulator.Answer.OK);
        }
    }

    @Test
    public void theOperatorsOnnxModelRemovesTheBackgroundOfflineWithAlphaInEveryRendition() {
        // A bright subject on a dark ground: the test's tiny model calls bright pixels salient.
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(400, 300,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(0x101418));
        g.fillRect(0, 0, 400, 300);
        g.setColor(new java.awt.Color(0xF4F0E8));
        g.fillOval(120, 70, 160, 160);
        g.dispose();
        String dark = http.upload(key, TestPictures.encode(img, "png"), "image/png");
        int calls = recraft.totalCalls();
        JsonNode task = runToEnd("remove_background", "{\"image\":{\"embed_id\":\"" + dark
                + "\"},\"model\":\"onnx/salient-object\"}");
        assertEquals(task.toString(), "completed", task.path("status").asText());
        assertEquals(calls, recraft.totalCalls());
        String embedId = task.path("embed_id").asText();
        assertEquals("onnx/salient-object", http.get("/embeds/" + embedId + "/content", key).json().path("model")
                .asText());
        java.awt.image.BufferedImage cut = TestPictures.read(http.get("/embeds/" + embedId
                + "/file?format=original", key).body());
        assertTrue(cut.getColorModel().hasAlpha());
        assertTrue("subject kept", (cut.getRGB(200, 150) >>> 24) > 200);
        assertTrue("background cleared", (cut.getRGB(5, 5) >>> 24) < 40);
        for (String format : List.of("full", "preview")) {
            assertTrue(format, TestPictures.webpHasAlpha(http.get("/embeds/" + embedId + "/file?format=" + format,
                    key).body()));
        }
    }

    @Test
    public void anSvgIsNotAcceptedAsAnUploadOrAnInput() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
                .getBytes(StandardCharsets.UTF_8);
        Http.Response r = http.sendBytes("POST", "/embeds", key, svg, "image/svg+xml");
        assertEquals(r.toString(), 400, r.status());
        assertEquals("unsupported_image", r.json().path("code").asText());
        Http.Response missing = http.post("/apps/images/vectorize", key, "{}");
        assertEquals(400, missing.status());
        assertEquals("image_required", missing.json().path("code").asText());
    }

    /** No script, no event handler, no foreign content and no reference outside the document. */
    private static void assertNoActiveContent(Element e) {
        String name = e.getLocalName();
        assertFalse(name, List.of("script", "foreignObject", "iframe", "image", "a", "set", "animate")
                .contains(name));
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            String attr = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            assertFalse(attr, attr.toLowerCase().startsWith("on"));
            if (attr.equals("href")) {
                assertTrue(a.getNodeValue(), a.getNodeValue().startsWith("#"));
            }
            assertFalse(a.getNodeValue(), a.getNodeValue().toLowerCase().contains("javascript:"));
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            assertFalse("processing instruction", c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE);
            if (c instanceof Element child) {
                assertNoActiveContent(child);
            }
        }
    }

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static List<Integer> sizeOf(String embedId) {
        int[] size = TestPictures.size(http.get("/embeds/" + embedId + "/file?format=original", key).body());
        return List.of(size[0], size[1]);
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
