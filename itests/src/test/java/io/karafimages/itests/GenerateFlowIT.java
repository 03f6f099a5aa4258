package io.karafimages.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.util.Filter;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.api.TaskService;
import io.karafimages.spi.keys.KeyService;

/** The generate path through REST in the real distribution, on its embedded defaults. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GenerateFlowIT extends ImagesTestSupport {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The database the core keeps its records in (the store itself is internal to the core bundle). */
    @Inject
    @Filter("(osgi.jndi.service.name=images)")
    DataSource database;

    @Inject
    KeyService keys;

    @Inject
    TaskService tasks;

    @Inject
    SessionFactory shell;

    @Inject
    BundleContext bundleContext;

    @Test
    public void generatesPollsAndDownloadsThreeRenditionsForEachAspectRatio() throws IOException {
        Http http = http();
        String key = initialApiKey();
        for (String ratio : List.of("1:1", "16:9", "9:16")) {
            Http.Response accepted = http.post("/apps/images/generate", key,
                    "{\"prompt\":\"a lighthouse at dusk\",\"aspect_ratio\":\"" + ratio + "\"}");
            assertEquals(accepted.toString(), 202, accepted.status());
            JsonNode a = accepted.json();
            assertEquals("queued", a.get("status").asText());
            assertNotNull(a.get("estimated_finish_at").asText());
            String embedId = a.get("embed_id").asText();
            assertEquals("/v1/tasks/" + a.get("task_id").asText(), a.get("links").get("task").asText());

            JsonNode task = http.awaitTask(a.get("task_id").asText(), key, DEADLINE);
            assertEquals(task.toString(), "completed", task.get("status").asText());
            assertEquals(1.0, task.get("progress").asDouble(), 0.0);

            byte[] original = download(http, key, embedId, "original", "image/png");
            byte[] full = download(http, key, embedId, "full", "image/webp");
            byte[] preview = download(http, key, embedId, "preview", "image/webp");
            assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' },
                    java.util.Arrays.copyOf(original, 8));
            assertWebp(full);
            assertWebp(preview);

            int[] o = pngSize(original);
            int[] f = webpSize(full);
            int[] p = webpSize(preview);
            String[] parts = ratio.split(":");
            assertEquals("original has the requested shape", Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]),
                    (double) o[0] / o[1], 0.01);
            assertArrayEquals("full has the original's size", o, f);
            assertTrue("preview fits 600x400: " + p[0] + "x" + p[1], p[0] <= 600 && p[1] <= 400);
            assertTrue("preview fills the box on one side", p[0] == 600 || p[1] == 400);
            assertEquals("preview keeps the aspect ratio", (double) p[0] * o[1] / o[0], p[1], 1.0);
            JsonNode files = task.get("result").get("files");
            assertEquals(o[0], files.get("original").get("width").asInt());
            assertEquals(p[1], files.get("preview").get("height").asInt());
            assertEquals(full.length, files.get("full").get("size_bytes").asInt());
        }
    }

    @Test
    public void fileEndpointSupportsHeadAndEtag() throws Exception {
        Http http = http();
        String key = initialApiKey();
        String embedId = generate(http, key, "etag test");
        // "/file" is answered in front of CXF (FileDownloadPreprocessor); "/file/" is not that canonical path, so
        // CXF's EmbedsResource answers it: both are one implementation (FileDownloads) and must answer alike
        for (String file : List.of("/file", "/file/")) {
            assertFileEndpoint(http, key, embedId, file);
        }
        String etag = http.send("HEAD", "/embeds/" + embedId + "/file?format=full", key, null).header("ETag");
        String intruder = shellLastLine("images:user-add trudy-" + System.nanoTime() % 100000, true);
        String[][] requests = { { "GET", "?format=full", key }, { "HEAD", "", key }, { "GET", "?format=huge", key },
            { "GET", "?format=original", null }, { "GET", "", "ki_" + "x".repeat(43) }, { "GET", "", intruder },
            { "HEAD", "?format=full", intruder } };
        for (String[] r : requests) {
            assertSameAnswer(http.send(r[0], "/embeds/" + embedId + "/file" + r[1], r[2], null),
                    http.send(r[0], "/embeds/" + embedId + "/file/" + r[1], r[2], null), r[0] + " " + r[1]);
        }
        assertSameAnswer(http.send("GET", "/embeds/" + embedId + "/file?format=full", key, null, "If-None-Match", etag),
                http.send("GET", "/embeds/" + embedId + "/file/?format=full", key, null, "If-None-Match", etag),
                "If-None-Match");
        JsonNode content = http.get("/embeds/" + embedId + "/content", key).json();
        assertEquals("etag test", content.get("prompt").asText());
        assertTrue(content.get("model").asText().startsWith("local/"));
        assertFalse("no key material in content", content.toString().contains("local:v1:"));
        assertEquals("vault", http.get("/embeds/" + embedId, key).json().get("encryption_mode").asText());
    }

    private void assertFileEndpoint(Http http, String key, String embedId, String file) {
        String path = "/embeds/" + embedId + file;
        Http.Response head = http.send("HEAD", path + "?format=full", key, null);
        assertEquals(file, 200, head.status());
        assertEquals("image/webp", head.header("Content-Type"));
        assertTrue(head.header("Cache-Control").contains("private"));
        assertEquals("nosniff", head.header("X-Content-Type-Options"));
        String etag = head.header("ETag");
        assertNotNull(etag);
        Http.Response again = http.send("GET", path + "?format=full", key, null, "If-None-Match", etag);
        assertEquals(file, 304, again.status());
        assertEquals(etag, again.header("ETag"));
        assertEquals(0, again.body().length);
        Http.Response body = http.send("GET", path + "?format=full", key, null);
        assertEquals(200, body.status());
        assertEquals(etag, body.header("ETag"));
        assertEquals(head.header("Content-Length"), String.valueOf(body.body().length));
        assertEquals(head.header("Content-Length"), body.header("Content-Length"));
        assertFalse("the ETag is no plaintext hash (V8: derived from the object key)",
                etag.contains(java.util.HexFormat.of().formatHex(sha256(body.body()))));
        Http.Response preview = http.send("HEAD", path, key, null);
        assertFalse("one tag per file", etag.equals(preview.header("ETag")));
        assertEquals(404, http.send("HEAD", "/embeds/nope" + file, key, null).status());
        Http.Response unknown = http.get(path + "?format=huge", key);
        assertEquals(400, unknown.status());
        assertEquals("invalid_format", unknown.json().get("code").asText());
        assertEquals("application/problem+json", unknown.header("Content-Type"));
        Http.Response anonymous = http.get(path, null);
        assertEquals(401, anonymous.status());
        assertEquals("unauthenticated", anonymous.json().get("code").asText());
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
    }

    /**
     * Status, body and every header, whichever of the two paths answered; but the date, and the framing of answers
     * without a file: CXF sends problem documents chunked and a 304 with {@code Content-Length: 0}, the
     * preprocessor sends the document's length and no length for a 304.
     */
    private static void assertSameAnswer(Http.Response fast, Http.Response cxf, String what) {
        assertEquals(what, cxf.status(), fast.status());
        assertArrayEquals(what, cxf.body(), fast.body());
        java.util.Map<String, List<String>> a = new java.util.TreeMap<>(fast.headers());
        java.util.Map<String, List<String>> b = new java.util.TreeMap<>(cxf.headers());
        for (java.util.Map<String, List<String>> h : List.of(a, b)) {
            h.remove("date");
            h.remove(":status");
            if (fast.status() != 200) {
                h.remove("content-length");
                h.remove("transfer-encoding");
            }
        }
        assertEquals(what, b, a);
    }

    @Test
    public void storedFilesAreCiphertextAndTheDatabaseHoldsNoSecrets() throws IOException, SQLException {
        Http http = http();
        String key = initialApiKey();
        String prompt = "a secret prompt " + System.nanoTime();
        String embedId = generate(http, key, prompt);

        List<Path> blobs;
        try (Stream<Path> s = Files.walk(dataDir().resolve("images/blobs"))) {
            blobs = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(blobs.size() >= 3);
        for (Path blob : blobs) {
            byte[] bytes = Files.readAllBytes(blob);
            String head = new String(bytes, 0, 12, StandardCharsets.ISO_8859_1);
            assertFalse(blob + " looks like a PNG", head.contains("PNG"));
            assertFalse(blob + " looks like a RIFF/WebP", head.startsWith("RIFF") || head.contains("WEBP"));
            assertFalse("object names are opaque", blob.getFileName().toString().matches(".*(png|webp|preview|full).*"));
        }
        JsonNode files = http.get("/embeds/" + embedId + "/content", key).json().get("files");
        for (String format : List.of("original", "full", "preview")) {
            String objectKey = files.get(format).get("s3_key").asText();
            Path blob = blobs.stream().filter(b -> b.getFileName().toString().equals(objectKey)).findFirst()
                    .orElseThrow(() -> new AssertionError("no stored object " + objectKey));
            assertTrue(blob + " is not near-random", entropyBitsPerByte(Files.readAllBytes(blob)) > 7.9);
        }

        byte[] dataKey;
        try (Connection c = database.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT owner_id, wrapped_key FROM images_embed WHERE id = ?")) {
            q.setString(1, embedId);
            try (ResultSet row = q.executeQuery()) {
                assertTrue("the embed row", row.next());
                dataKey = keys.unwrap(row.getString(1), row.getString(2));
            }
        }
        byte[] db = Http.until(Duration.ofSeconds(10), this::databaseBytes,
                bytes -> indexOf(bytes, embedId.getBytes(StandardCharsets.US_ASCII)) >= 0);
        assertTrue("the embed row reached the database file", indexOf(db, embedId.getBytes(StandardCharsets.US_ASCII)) >= 0);
        assertEquals("prompt in the database", -1, indexOf(db, prompt.getBytes(StandardCharsets.UTF_8)));
        assertEquals("raw data key in the database", -1, indexOf(db, dataKey));
        assertEquals("base64 data key in the database", -1,
                indexOf(db, Base64.getEncoder().encode(dataKey)));
        assertEquals("PNG in the database", -1, indexOf(db, new byte[] { (byte) 0x89, 'P', 'N', 'G' }));
    }

    @Test
    public void anotherUsersTaskAndEmbedAreNotFound() throws Exception {
        Http http = http();
        String owner = initialApiKey();
        Http.Response accepted = http.post("/apps/images/generate", owner, "{\"prompt\":\"mine\"}");
        String taskId = accepted.json().get("task_id").asText();
        String embedId = accepted.json().get("embed_id").asText();
        http.awaitTask(taskId, owner, DEADLINE);

        String intruder = shellLastLine("images:user-add mallory-" + System.nanoTime() % 100000, true);
        assertTrue(intruder.startsWith("ki_"));
        for (String path : List.of("/tasks/" + taskId, "/embeds/" + embedId, "/embeds/" + embedId + "/content",
                "/embeds/" + embedId + "/file?format=original", "/embeds/" + embedId + "/file")) {
            Http.Response r = http.get(path, intruder);
            assertEquals(path, 404, r.status());
            assertEquals("not_found", r.json().get("code").asText());
        }
        assertEquals(404, http.send("DELETE", "/tasks/" + taskId, intruder, null).status());
        assertEquals(200, http.get("/tasks/" + taskId, owner).status());
    }

    @Test
    public void badInputGetsTheRightProblemAndCreatesNothing() {
        Http http = http();
        String key = initialApiKey();
        int before = tasks.recent(10_000).size();
        String longPrompt = "x".repeat(5000);
        Object[][] cases = {
            { "{\"prompt\":\"\"}", key, 400, "prompt_required" },
            { "{\"prompt\":\"" + longPrompt + "\"}", key, 400, "prompt_too_long" },
            { "{\"prompt\":\"x\",\"aspect_ratio\":\"7:5\"}", key, 400, "invalid_aspect_ratio" },
            { "{\"prompt\":\"x\",\"draft\":\"yes\"}", key, 400, "invalid_draft" },
            { "{\"prompt\":\"x\",\"model\":\"nope/none\"}", key, 400, "unknown_model" },
            { "{\"prompt\":\"x\"", key, 400, "malformed_json" },
            { "[\"prompt\"]", key, 400, "malformed_json" },
            { "{\"prompt\":\"x\"}", null, 401, "unauthenticated" },
            { "{\"prompt\":\"x\"}", "ki_wrong", 401, "invalid_api_key" },
        };
        for (Object[] c : cases) {
            Http.Response r = http.post("/apps/images/generate", (String) c[1], (String) c[0]);
            assertEquals(c[3] + ": " + r, c[2], r.status());
            assertEquals("application/problem+json", r.header("Content-Type"));
            JsonNode p = r.json();
            assertEquals(c[3], p.get("code").asText());
            assertEquals((int) c[2], p.get("status").asInt());
            assertFalse(p.get("detail").asText().isBlank());
        }
        Http.Response unknownSkill = http.post("/apps/images/paint", key, "{\"prompt\":\"x\"}");
        assertEquals(404, unknownSkill.status());
        assertEquals("unknown_skill", unknownSkill.json().get("code").asText());
        assertEquals("nothing was created", before, tasks.recent(10_000).size());
    }

    @Test
    public void sameIdempotencyKeyStartsOneTask() {
        Http http = http();
        String key = initialApiKey();
        String idem = "idem-" + System.nanoTime();
        Http.Response first = http.post("/apps/images/generate", key, "{\"prompt\":\"once\"}", "Idempotency-Key", idem);
        Http.Response second = http.post("/apps/images/generate", key, "{\"prompt\":\"once\"}", "Idempotency-Key", idem);
        assertEquals(202, first.status());
        assertEquals(202, second.status());
        assertEquals(first.json().get("task_id"), second.json().get("task_id"));
        Http.Response other = http.post("/apps/images/generate", key, "{\"prompt\":\"twice\"}", "Idempotency-Key", idem);
        assertEquals(409, other.status());
        assertEquals("idempotency_key_reused", other.json().get("code").asText());
        long withKey = tasks.recent(10_000).stream().filter(t -> t.taskId().equals(first.json().get("task_id").asText()))
                .count();
        assertEquals(1, withKey);
    }

    @Test
    public void thirdPartySkillAppearsRunsAndDisappearsWithoutRestart() throws Exception {
        Http http = http();
        String key = initialApiKey();
        Bundle core = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName().equals("io.karafimages.images-core")).findFirst().orElseThrow();
        long coreModified = core.getLastModified();
        Bundle skill = bundleContext.installBundle(System.getProperty("images.it.example"));
        skill.start();
        try {
            Http.until(Duration.ofSeconds(20), () -> http.get("/apps/images/skills", key).json().toString(),
                    s -> s.contains("\"id\":\"solid\""));
            Http.Response bad = http.post("/apps/images/solid", key, "{\"color\":\"red\"}");
            assertEquals(400, bad.status());
            assertEquals("invalid_color", bad.json().get("code").asText());
            Http.Response accepted = http.post("/apps/images/solid", key,
                    "{\"color\":\"#3366ff\",\"width\":800,\"height\":200}");
            assertEquals(accepted.toString(), 202, accepted.status());
            JsonNode task = http.awaitTask(accepted.json().get("task_id").asText(), key, DEADLINE);
            assertEquals(task.toString(), "completed", task.get("status").asText());
            assertEquals("solid", task.get("skill").asText());
            assertArrayEquals(new int[] { 600, 150 }, webpSize(download(http, key,
                    accepted.json().get("embed_id").asText(), "preview", "image/webp")));
        } finally {
            skill.uninstall();
        }
        Http.until(Duration.ofSeconds(20), () -> http.get("/apps/images/skills", key).json().toString(),
                s -> !s.contains("\"id\":\"solid\""));
        assertEquals(404, http.post("/apps/images/solid", key, "{\"color\":\"#3366ff\"}").status());
        assertEquals("core kept running", Bundle.ACTIVE, core.getState());
        assertEquals("core was not refreshed", coreModified, core.getLastModified());
        assertEquals(200, http.get("/health", null).status());
    }

    @Test
    public void everyRenditionCarriesIptcAiLabelsReadByExifTool() throws Exception {
        Http http = http();
        String key = initialApiKey();
        String embedId = generate(http, key, "labelled & proud");
        for (String format : List.of("original", "full", "preview")) {
            Path file = Files.createTempFile("labelled-", "." + format);
            Files.write(file, download(http, key, embedId, format, format.equals("original") ? "image/png" : "image/webp"));
            JsonNode tags = exifTool(file);
            assertEquals(format, "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                    tags.path("XMP-iptcExt:DigitalSourceType").asText());
            assertEquals(format, "local/procedural-v1", tags.path("XMP-iptcExt:AISystemVersionUsed").asText());
            assertFalse(format, tags.path("XMP-iptcExt:AISystemUsed").asText().isBlank());
            assertEquals(format, "labelled & proud", tags.path("XMP-iptcExt:AIPromptInformation").asText());
            assertTrue(format, tags.path("XMP-xmp:CreatorTool").asText().startsWith("Karaf Images "));
            assertFalse(format, tags.path("XMP-photoshop:Credit").asText().isBlank());
        }
        Http.Response pem = http.get("/provenance/certificate", null);
        assertEquals(200, pem.status());
        String chain = new String(pem.body(), StandardCharsets.US_ASCII);
        assertEquals("signer and instance CA", 2, chain.split("BEGIN CERTIFICATE").length - 1);
    }

    private static JsonNode exifTool(Path file) throws Exception {
        Process p = new ProcessBuilder("exiftool", "-j", "-G1", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(new String(out, StandardCharsets.UTF_8), 0, p.waitFor());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out).get(0);
    }

    @Inject
    org.osgi.service.metatype.MetaTypeService metaTypes;

    /** Every key in our shipped etc/images.*.cfg files is a property the component really reads. */
    @Test
    public void shippedConfigurationFilesUseTheComponentsPropertyNames() throws Exception {
        java.util.Map<String, java.util.Set<String>> known = new java.util.HashMap<>();
        for (Bundle b : bundleContext.getBundles()) {
            if (!b.getSymbolicName().startsWith("io.karafimages")) {
                continue;
            }
            org.osgi.service.metatype.MetaTypeInformation info = metaTypes.getMetaTypeInformation(b);
            if (info == null) {
                continue; // a fragment (images-jetty-errors) has no metatype of its own
            }
            for (String pid : info.getPids()) {
                java.util.Set<String> ids = new java.util.HashSet<>();
                for (var ad : info.getObjectClassDefinition(pid, null)
                        .getAttributeDefinitions(org.osgi.service.metatype.ObjectClassDefinition.ALL)) {
                    ids.add(ad.getID());
                }
                known.put(pid, ids);
            }
        }
        List<Path> files;
        try (Stream<Path> etc = Files.list(Path.of(System.getProperty("karaf.etc")))) {
            files = etc.filter(f -> f.getFileName().toString().matches("images\\..*\\.cfg")).toList();
        }
        assertTrue(files.size() >= 4);
        for (Path f : files) {
            String pid = f.getFileName().toString().replaceAll("\\.cfg$", "");
            assertTrue("no component reads " + pid, known.containsKey(pid));
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newInputStream(f)) {
                props.load(in);
            }
            for (String k : props.stringPropertyNames()) {
                assertTrue(f.getFileName() + ": unknown key '" + k + "'", known.get(pid).contains(k));
            }
        }
    }

    @Test
    public void healthAndOpenApiNeedNoKey() {
        Http http = http();
        Http.Response health = http.get("/health", null);
        assertEquals(health.toString(), 200, health.status());
        assertTrue(health.json().get("ready").asBoolean());
        assertEquals("up", health.json().get("status").asText());
        assertFalse("anonymous callers see no backend details (security review L1)", health.json().has("checks"));
        Http.Response detailed = http.get("/health", initialApiKey());
        assertEquals("up", detailed.json().get("checks").get("store").asText());
        Http.Response usage = http.get("/usage", initialApiKey());
        assertEquals(usage.toString(), 200, usage.status());
        assertEquals("the offline provider costs nothing", 0, usage.json().get("total").get("credits").asLong());
        Http.Response openapi = http.get("/openapi.json", null);
        assertEquals(200, openapi.status());
        assertTrue(openapi.json().get("paths").has("/apps/images/{skill_id}"));
    }

    /** Without a web search provider, reverse_search finds the caller's own look-alikes, and only theirs. */
    @Test
    public void offlineReverseSearchFindsTheCallersOwnImageAndNobodyElses() throws Exception {
        Http http = http();
        String key = initialApiKey();
        String made = generate(http, key, "a red kite over a green hill");
        generate(http, key, "a completely different night sky full of stars");
        Http.Response full = http.get("/embeds/" + made + "/file?format=full", key);
        String copy = http.upload(key, full.body(), "image/webp");

        JsonNode task = runSearch(http, key, copy);
        String results = task.get("embed_id").asText();
        assertEquals("search_results", http.get("/embeds/" + results, key).json().get("type").asText());
        JsonNode content = http.get("/embeds/" + results + "/content", key).json();
        assertEquals("own_images", content.get("engine").asText());
        JsonNode first = content.get("matches").get(0);
        assertEquals("/v1/embeds/" + made, first.get("link").asText());
        assertEquals("a red kite over a green hill", first.get("title").asText());
        for (JsonNode m : content.get("matches")) {
            assertFalse("the searched image itself is not a match", m.get("link").asText().endsWith(copy));
        }
        assertEquals(0, content.get("cost").get("credits").asLong());
        assertEquals(404, http.get("/embeds/" + results + "/file", key).status());

        String other = shellLastLine("images:user-add searcher-" + System.nanoTime() % 100000, true);
        String theirs = http.upload(other, full.body(), "image/webp");
        JsonNode foreign = http.get("/embeds/" + runSearch(http, other, theirs).get("embed_id").asText()
                + "/content", other).json();
        assertEquals("another user's images are never matched", 0, foreign.get("matches").size());
    }

    private static JsonNode runSearch(Http http, String key, String embedId) {
        Http.Response accepted = http.post("/apps/images/reverse_search", key, "{\"image\":{\"embed_id\":\""
                + embedId + "\"}}");
        assertEquals(accepted.toString(), 202, accepted.status());
        JsonNode task = http.awaitTask(accepted.json().get("task_id").asText(), key, DEADLINE);
        assertEquals(task.toString(), "completed", task.get("status").asText());
        return task;
    }

    @Test
    public void shellCommandsListSkillsAndTasks() throws Exception {
        assertTrue(shellOutput("images:skills").contains("generate"));
        generate(http(), initialApiKey(), "for the task list");
        assertTrue(shellOutput("images:tasks").contains("completed"));
    }

    private String generate(Http http, String key, String prompt) {
        Http.Response accepted = http.post("/apps/images/generate", key, "{\"prompt\":\"" + prompt + "\"}");
        assertEquals(accepted.toString(), 202, accepted.status());
        JsonNode task = http.awaitTask(accepted.json().get("task_id").asText(), key, DEADLINE);
        assertEquals(task.toString(), "completed", task.get("status").asText());
        return accepted.json().get("embed_id").asText();
    }

    private static byte[] download(Http http, String key, String embedId, String format, String mime) {
        Http.Response r = http.get("/embeds/" + embedId + "/file?format=" + format, key);
        assertEquals(format + ": " + r.status(), 200, r.status());
        assertEquals(mime, r.header("Content-Type"));
        assertEquals(String.valueOf(r.body().length), r.header("Content-Length"));
        assertNotNull(r.header("ETag"));
        return r.body();
    }

    private String shellOutput(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session session = shell.create(System.in, ps, ps);
            asShellAdmin(() -> session.execute(command));
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Creates a user with the shell and returns the API key printed by images:apikey-create. */
    private String shellLastLine(String userAdd, boolean withKey) throws Exception {
        shellOutput(userAdd);
        String name = userAdd.substring(userAdd.lastIndexOf(' ') + 1);
        List<String> lines = shellOutput("images:apikey-create " + name).lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1).trim();
    }

    private byte[] databaseBytes() {
        try (Stream<Path> files = Files.list(dataDir().resolve("images/db"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(f));
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertWebp(byte[] b) {
        assertEquals("RIFF", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(b, 8, 4, StandardCharsets.US_ASCII));
    }

    static int[] pngSize(byte[] png) {
        return new int[] { readIntBE(png, 16), readIntBE(png, 20) };
    }

    /** Dimensions of a simple lossy (VP8) or extended (VP8X) WebP. */
    static int[] webpSize(byte[] w) {
        String chunk = new String(w, 12, 4, StandardCharsets.US_ASCII);
        if (chunk.equals("VP8X")) {
            return new int[] { 1 + le24(w, 24), 1 + le24(w, 27) };
        }
        if (chunk.equals("VP8 ")) {
            return new int[] { (w[26] & 0xff | (w[27] & 0x3f) << 8), (w[28] & 0xff | (w[29] & 0x3f) << 8) };
        }
        throw new AssertionError("unexpected WebP chunk " + chunk);
    }

    private static int le24(byte[] b, int o) {
        return b[o] & 0xff | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16;
    }

    private static int readIntBE(byte[] b, int o) {
        return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
    }

    static double entropyBitsPerByte(byte[] data) {
        long[] counts = new long[256];
        for (byte b : data) {
            counts[b & 0xff]++;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / data.length;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
