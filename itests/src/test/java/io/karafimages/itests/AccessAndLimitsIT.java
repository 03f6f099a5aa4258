package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The distribution at -Xmx512m, as issue 11 found it: oversize bodies and the container's own errors (security
 * review M6), the operator's controls over API keys and users (M10), and what anonymous health callers see (L1);
 * file downloads with {@code download.concurrency} set (issue 12). One runtime for the class.
 */
public class AccessAndLimitsIT {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KarafProcess karaf;
    private static Http http;
    private static String adminKey;
    private static final String OPS_PASSWORD = UUID.randomUUID().toString();

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess(Path.of("target", "access-it-" + System.nanoTime()));
        karaf.environment("JAVA_MAX_MEM", "512M");
        karaf.enableShellUser("ops", OPS_PASSWORD);
        // downloads take turns here (two at once): every download test of this class runs under the bound
        karaf.set("etc/images.rest.cfg", "download.concurrency", "2");
        karaf.start();
        http = karaf.http();
        adminKey = karaf.initialApiKey();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    public void fiftyMegabyteBodiesAre413ProblemDocumentsOnEveryEndpoint() throws Exception {
        for (String path : new String[] { "/v1/apps/images/generate", "/v1/embeds", "/v1/session", "/v1/tasks" }) {
            assertTooLarge(path + " with Content-Length", raw(path, FIFTY_MB, false));
        }
        for (String path : new String[] { "/v1/apps/images/generate", "/v1/embeds", "/v1/session" }) {
            assertTooLarge(path + " chunked", raw(path, FIFTY_MB, true)); // counted as read, stopped at the limit
        }
        // a client that waits for 100-continue (curl does, for large bodies) never has to send the body at all
        assertTooLarge("a 21 MB upload awaiting 100-continue", raw("/v1/embeds", 21L * 1024 * 1024, false, true));
        assertEquals("the runtime is still well", 200, http.get("/health", null).status());
    }

    @Test
    public void theContainersOwnErrorsAreProblemDocuments() throws Exception {
        Http.Response unknown = http.get("/no/such/thing", adminKey);
        assertProblem(unknown, 404, "not_found");
        Http.Response anonymousUnknown = http.get("/no/such/thing", null);
        assertTrue(anonymousUnknown.toString(), String.valueOf(anonymousUnknown.header("Content-Type"))
                .startsWith("application/problem+json"));
        assertProblem(http.send("PUT", "/health", null, "{}"), 405, "method_not_allowed");
        assertProblem(http.send("DELETE", "/apps/images/skills", adminKey, null), 405, "method_not_allowed");
    }

    /**
     * What Jetty answers itself, before any servlet (a request it cannot parse, headers over its 8 KB limit, a URI
     * it cannot decode), is a problem document too (issue 11, M6): the images-jetty-errors fragment's error handler.
     */
    @Test
    public void jettysOwnErrorsBeforeAnyServletAreProblemDocuments() throws Exception {
        assertJettyProblem("a request line that is not HTTP", rawExchange("NOT A REQUEST LINE\r\n\r\n"), 400,
                "bad_request");
        assertJettyProblem("a 64 KB header", rawExchange("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                + "p".repeat(64 * 1024) + "\r\n\r\n"), 431, "headers_too_large");
        assertJettyProblem("an unknown HTTP version", rawExchange("GET /v1/health HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n"),
                505, "http_version_not_supported");
        assertJettyProblem("a URI that cannot be decoded", rawExchange("GET /v1/%zz<script> HTTP/1.1\r\nHost: "
                + "127.0.0.1\r\n\r\n"), 400, "bad_request");
        assertEquals("the runtime is still well", 200, http.get("/health", null).status());
    }

    @Test
    public void keysCanBeListedExpiredRevokedAndTheirUsersDisabled() throws Exception {
        String user = "carol" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + user);
        String first = lastLine(karaf.shell("images:apikey-create --expires 90d " + user));
        String second = lastLine(karaf.shell("images:apikey-create " + user));
        assertEquals(200, http.get("/usage", first).status());
        assertEquals(200, http.get("/usage", second).status());

        String list = karaf.shell("images:apikey-list " + user);
        assertTrue(list, list.contains(first.substring(0, 8)) && list.contains(second.substring(0, 8)));
        assertTrue(list, list.contains("active") && !list.contains("revoked"));
        assertFalse("the list never shows a whole key: " + list, list.contains(first) || list.contains(second));

        String revoked = karaf.shell("images:apikey-revoke " + first.substring(0, 8));
        assertTrue(revoked, revoked.contains("Revoked API key " + first.substring(0, 8)));
        Http.Response refused = http.get("/usage", first);
        assertProblem(refused, 401, "invalid_api_key");
        assertEquals("the other key still works", 200, http.get("/usage", second).status());
        assertTrue(karaf.shell("images:apikey-list " + user).contains("revoked"));

        karaf.shell("images:user-disable " + user);
        assertProblem(http.get("/usage", second), 401, "invalid_api_key");
        karaf.shell("images:user-enable " + user);
        assertEquals("enabled again", 200, http.get("/usage", second).status());
        assertProblem(http.get("/usage", first), 401, "invalid_api_key");

        KarafProcess.ShellResult past = karaf.shellAs("ops", OPS_PASSWORD, "images:apikey-create --expires 2020-01-01 " + user);
        assertTrue(past.output(), past.output().contains("not in the future"));
    }

    /**
     * File downloads are answered in front of CXF (FileDownloadPreprocessor, issue 12): the request guard still runs
     * first, and a revoked key or a disabled user is refused there exactly as through CXF ("/file/" reaches CXF).
     */
    @Test
    public void fileDownloadsInFrontOfCxfAreGuardedAndFollowTheKeys() throws Exception {
        String user = "erin" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + user);
        String key = lastLine(karaf.shell("images:apikey-create " + user));
        String embed = http.upload(key, TestPictures.encode(TestPictures.subjectOnPlainBackground(64, 48), "png"),
                "image/png");
        for (String file : new String[] { "/file", "/file/" }) {
            assertEquals(file, 200, http.get("/embeds/" + embed + file + "?format=original", key).status());
            assertProblem(http.get("/embeds/" + embed + file, adminKey), 404, "not_found");
        }
        Raw guarded = rawGet("/v1/embeds/" + embed + "/file", key, "Content-Length: " + FIFTY_MB + "\r\n");
        assertTooLarge("a download declaring a 50 MB body", guarded);

        karaf.shell("images:user-disable " + user);
        for (String file : new String[] { "/file", "/file/" }) {
            assertProblem(http.get("/embeds/" + embed + file, key), 401, "invalid_api_key");
        }
        karaf.shell("images:user-enable " + user);
        assertEquals(200, http.get("/embeds/" + embed + "/file", key).status());
        karaf.shell("images:apikey-revoke " + key.substring(0, 8));
        for (String file : new String[] { "/file", "/file/" }) {
            Http.Response refused = http.send("HEAD", "/embeds/" + embed + file, key, null);
            assertEquals(file, 401, refused.status());
            assertEquals(file, "Bearer error=\"invalid_token\"", refused.header("WWW-Authenticate"));
            assertProblem(http.get("/embeds/" + embed + file, key), 401, "invalid_api_key");
        }
    }

    /**
     * With {@code download.concurrency = 2} (this runtime), 60 downloads from 10 clients at once, of the three
     * renditions (the original over the 64 KB read in the turn), all complete byte for byte.
     */
    @Test
    public void downloadsTakingTurnsAllCompleteByteForByte() throws Exception {
        String embed = http.upload(adminKey, TestPictures.encode(TestPictures.noise(320, 240, 7), "png"),
                "image/png");
        Map<String, byte[]> expected = new TreeMap<>();
        for (String format : new String[] { "preview", "full", "original" }) {
            Http.Response r = http.get("/embeds/" + embed + "/file?format=" + format, adminKey);
            assertEquals(format, 200, r.status());
            expected.put(format, r.body());
        }
        assertTrue("an original longer than a turn reads", expected.get("original").length > 64 * 1024);
        String log = java.nio.file.Files.readString(karaf.home().resolve("data/log/karaf.log"));
        assertTrue("the runtime took the setting", log.contains("File downloads take turns: at most 2 prepare"));
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> downloads = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String format = new String[] { "preview", "full", "original" }[i % 3];
                downloads.add(clients.submit(() -> {
                    Http.Response r = http.get("/embeds/" + embed + "/file?format=" + format, adminKey);
                    return r.status() == 200 && Arrays.equals(expected.get(format), r.body()) ? "ok"
                            : format + ": " + r;
                }));
            }
            for (Future<String> d : downloads) {
                assertEquals("ok", d.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    public void anonymousHealthGivesTheStatusAndOnlyAnAdminTheBackends() throws Exception {
        JsonNode anonymous = http.get("/health", null).json();
        assertEquals("up", anonymous.path("status").asText());
        assertTrue(anonymous.path("ready").asBoolean());
        assertFalse(anonymous.toString(), anonymous.has("checks"));
        assertFalse("a bad key is just anonymous", http.get("/health", "ki_" + "x".repeat(43)).json().has("checks"));

        String user = "dave" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + user);
        String notAdmin = lastLine(karaf.shell("images:apikey-create " + user));
        assertFalse(http.get("/health", notAdmin).json().has("checks"));
        JsonNode admin = http.get("/health", adminKey).json();
        assertEquals(admin.toString(), "up", admin.path("checks").path("store").asText());
    }

    private static String lastLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow().trim();
    }

    private static void assertProblem(Http.Response r, int status, String code) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.toString(), String.valueOf(r.header("Content-Type")).startsWith("application/problem+json"));
        assertEquals(r.toString(), code, r.json().path("code").asText());
    }

    private static void assertJettyProblem(String what, Raw r, int status, String code) throws IOException {
        assertEquals(what + ": " + r, status, r.status());
        assertEquals(what + ": " + r, "application/problem+json", r.contentType());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals(what + ": " + r, code, doc.path("code").asText());
        assertEquals(what + ": " + r, status, doc.path("status").asInt());
        assertEquals(what + ": " + r, "https://karafimages.io/problems/" + code, doc.path("type").asText());
        assertTrue(what + ": " + r, doc.path("title").isTextual() && doc.path("detail").isTextual());
        String lower = r.body().toLowerCase(java.util.Locale.ROOT);
        assertFalse(what + ": " + r, lower.contains("<html") || lower.contains("jetty") || lower.contains("script")
                || lower.contains("exception") || lower.contains("padding"));
    }

    private static void assertTooLarge(String what, Raw r) throws IOException {
        assertEquals(what + ": " + r, 413, r.status());
        assertTrue(what + ": " + r, r.contentType().startsWith("application/problem+json"));
        assertEquals(what + ": " + r, "request_too_large", JSON.readTree(r.body()).path("code").asText());
        assertFalse(what + ": " + r, r.body().contains("java.") || r.body().contains("Exception")
                || r.body().contains("<html"));
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return body.toByteArray();
                }
                size.append((char) b);
            }
            int n = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            in.readNBytes(2); // CRLF after the chunk
        }
    }

    record Raw(int status, String contentType, String body) {
    }

    /**
     * A POST of {@code size} bytes by hand: declared by Content-Length, or chunked. The body is written by a second
     * thread while this one reads the answer, as a client must when the server answers before the body is done.
     */
    private static Raw raw(String path, long size, boolean chunked) throws Exception {
        return raw(path, size, chunked, false);
    }

    /** @param expectContinue send {@code Expect: 100-continue} and no body unless the server asks for it */
    private static Raw raw(String path, long size, boolean chunked, boolean expectContinue) throws Exception {
        try (Socket s = new Socket("127.0.0.1", karaf.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminKey
                    + "\r\nContent-Type: " + (path.equals("/v1/embeds") ? "image/png" : "application/json") + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (expectContinue) {
                return read(s.getInputStream()); // a 100 here would fail the assertions: the answer must be final
            }
            Thread writer = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                Arrays.fill(block, (byte) 'x');
                try {
                    for (long sent = 0; sent < size; sent += block.length) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closedByServer) {
                    // expected: the server answered and stopped reading
                }
            });
            writer.setDaemon(true);
            writer.start();
            return read(s.getInputStream());
        }
    }

    /**
     * Bytes written by hand as a whole request, by a second thread (the server may answer before it has read them
     * all), and the answer read as it comes.
     */
    private static Raw rawExchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", karaf.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closedByServer) {
                    // expected when the server refuses before reading everything
                }
            });
            writer.setDaemon(true);
            writer.start();
            return read(s.getInputStream());
        }
    }

    /** A GET written by hand with extra header lines (each ending in CRLF), its answer read as it comes. */
    private static Raw rawGet(String path, String key, String headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", karaf.port())) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return read(s.getInputStream());
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed before a response: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String type = "";
        int length = -1;
        boolean chunked = false;
        for (String l : lines) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = l.substring(13).trim();
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(l.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? chunks(in) : length >= 0 ? in.readNBytes(length) : new byte[0];
        return new Raw(status, type, new String(body, StandardCharsets.UTF_8));
    }
}
