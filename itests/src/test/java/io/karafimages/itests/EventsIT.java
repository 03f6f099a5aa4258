package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.DebianPostgres;

/**
 * Live events against the real distribution ({@code bin/karaf server}, offline local provider, no keys):
 * {@code GET /v1/events} (SSE) and the web app's socket {@code /v1/ws}; and, on PostgreSQL, events of a task
 * submitted on a second runtime reaching a socket on the first.
 */
public class EventsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    public void serverSentEventsAndTheWebAppSocketOnOneRuntime() throws Exception {
        try (KarafProcess karaf = new KarafProcess(Path.of("target", "events-it-" + System.nanoTime()))) {
            karaf.set("etc/images.provider.local.cfg", "latency.ms", "3000");
            karaf.set("etc/images.rest.cfg", "events.heartbeat.seconds", "2");
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();
            int port = port(karaf);

            // SSE: queued -> processing -> completed for a generate, ids increasing, content when completed
            String embedId;
            List<String> ids = new ArrayList<>();
            try (LiveClients.Sse sse = new LiveClients.Sse(port, key, null)) {
                assertEquals(200, sse.status);
                JsonNode accepted = http.post("/apps/images/generate", key, "{\"prompt\":\"a fox in the snow\"}")
                        .json();
                embedId = accepted.get("embed_id").asText();
                String taskId = accepted.get("task_id").asText();
                for (String status : new String[] { "queued", "processing", "completed" }) {
                    LiveClients.SseEvent e = sse.next(ev -> ev.data() != null
                            && ev.json().path("embed_id").asText().equals(embedId)
                            && ev.json().path("status").asText().equals(status), DEADLINE);
                    assertNotNull("an SSE event carries its outbox id", e.id());
                    ids.add(e.id());
                    assertEquals("embed_update", e.json().get("type").asText());
                    assertEquals(taskId, e.json().get("task_id").asText());
                    if (status.equals("completed")) {
                        assertEquals(1.0, e.json().get("progress").asDouble(), 1e-9);
                        assertEquals("a fox in the snow", e.json().path("content").path("prompt").asText());
                        assertTrue(e.json().path("content").has("files"));
                        assertFalse("no key material", e.json().path("content").has("encrypted_aes_key"));
                    } else {
                        assertFalse(e.json().has("content"));
                    }
                }
                assertTrue(Long.parseLong(ids.get(0)) < Long.parseLong(ids.get(1)));
                assertTrue(Long.parseLong(ids.get(1)) < Long.parseLong(ids.get(2)));
                assertEquals("heartbeat", sse.next(ev -> ev.comment() != null && ev.comment().equals("heartbeat"),
                        Duration.ofSeconds(10)).comment());
            }
            // Last-Event-ID: a new stream resumes after the queued event and gets the rest from the store
            try (LiveClients.Sse resumed = new LiveClients.Sse(port, key, ids.get(0))) {
                LiveClients.SseEvent first = resumed.next(ev -> ev.data() != null, Duration.ofSeconds(20));
                assertTrue("resumed after " + ids.get(0) + ": " + first.id(),
                        Long.parseLong(first.id()) > Long.parseLong(ids.get(0)));
                resumed.next(ev -> ev.data() != null && ev.id().equals(ids.get(2)), Duration.ofSeconds(20));
            }
            assertEquals(400, http.send("GET", "/events", key, null, "Last-Event-ID", "yesterday").status());
            assertEquals(401, http.send("GET", "/events", null, null, "Accept", "text/event-stream").status());

            // WebSocket handshake: session cookie and a known Origin, or refused before any socket exists
            String cookie = login(http, karaf);
            String origin = "http://127.0.0.1:" + port;
            try (LiveClients.Sse byCookie = new LiveClients.Sse(port, "Cookie", "images_session=" + cookie, "0")) {
                assertEquals("the web app's cookie opens the SSE stream too", 200, byCookie.status);
                byCookie.next(ev -> ev.data() != null && ev.id().equals(ids.get(2)), Duration.ofSeconds(20));
            }
            assertEquals(401, refusedWith(port, origin, null));
            assertEquals(401, refusedWith(port, origin, "not-a-session"));
            assertEquals(403, refusedWith(port, "https://evil.example", cookie));
            assertEquals(403, refusedWith(port, null, cookie));

            // the first task's finished update was never acknowledged: a socket gets it at once, from the store
            try (LiveClients.Ws ws = LiveClients.Ws.open(port, "http://localhost:" + port, cookie)) {
                JsonNode redelivered = ws.next(m -> m.path("embed_id").asText().equals(embedId), DEADLINE);
                assertEquals("completed", redelivered.get("status").asText());
                assertEquals("a fox in the snow", redelivered.path("content").path("prompt").asText());
                ws.ack(embedId);
            }

            // updates arrive live; disconnect before the end, reconnect: the finished update comes again
            String second;
            try (LiveClients.Ws ws = LiveClients.Ws.open(port, origin, cookie)) {
                second = http.post("/apps/images/generate", key, "{\"prompt\":\"a heron\"}").json()
                        .get("embed_id").asText();
                String s = second;
                ws.next(m -> m.path("embed_id").asText().equals(s) && m.path("status").asText().equals("queued"),
                        DEADLINE);
                ws.next(m -> m.path("embed_id").asText().equals(s) && m.path("status").asText()
                        .equals("processing"), DEADLINE);
            }
            JsonNode done = Http.until(DEADLINE, () -> http.get("/embeds/" + second, key).json(),
                    e -> e.path("status").asText().equals("finished"));
            assertEquals("finished", done.path("status").asText());
            karaf.kill(); // a crash between the finish and the reconnect loses nothing: the update is in the store
            karaf.start();
            try (LiveClients.Ws ws = LiveClients.Ws.open(port, origin, cookie)) {
                JsonNode again = ws.next(m -> m.path("embed_id").asText().equals(second), DEADLINE);
                assertEquals("completed", again.get("status").asText());
                assertTrue(again.path("content").has("files"));
                List<JsonNode> rest = ws.drain(Duration.ofSeconds(2));
                assertTrue("the acknowledged first update is not sent again: " + rest, rest.stream()
                        .noneMatch(m -> m.path("embed_id").asText().equals(embedId)));
                ws.ack(second);
                Thread.sleep(500); // the ack is stored before the socket closes
            }
            try (LiveClients.Ws ws = LiveClients.Ws.open(port, origin, cookie)) {
                List<JsonNode> after = ws.drain(Duration.ofSeconds(3));
                assertTrue("acknowledged updates stay delivered: " + after, after.stream()
                        .noneMatch(m -> m.path("embed_id").asText().equals(second)));
            }

            // a client that never reads stalls nobody: other sockets, requests and tasks go on
            List<Socket> stuck = new ArrayList<>();
            try (LiveClients.Ws ws = LiveClients.Ws.open(port, origin, cookie)) {
                for (int i = 0; i < 3; i++) {
                    stuck.add(LiveClients.neverReading(port, origin, cookie));
                }
                List<String> embeds = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    embeds.add(http.post("/apps/images/generate", key, "{\"prompt\":\"crowd " + i + "\"}").json()
                            .get("embed_id").asText());
                }
                java.util.Set<String> completed = new java.util.HashSet<>();
                while (!completed.containsAll(embeds)) {
                    JsonNode m = ws.next(x -> x.path("status").asText().equals("completed"), DEADLINE);
                    completed.add(m.path("embed_id").asText());
                    ws.ack(m.path("embed_id").asText());
                }
                assertEquals(200, http.get("/health", null).status());
            } finally {
                for (Socket s : stuck) {
                    s.close();
                }
            }
        }
    }

    @Test
    public void anEventOnOneNodeReachesASocketOnAnotherThatSharesThePostgresDatabase() throws Exception {
        Path work = Path.of("target", "events-pg-it-" + System.nanoTime()).toAbsolutePath();
        try (DebianPostgres postgres = DebianPostgres.start(work)) {
            String url = postgres.createDatabase("images_events");
            try (KarafProcess a = new KarafProcess(work.resolve("node-a"));
                    KarafProcess b = new KarafProcess(work.resolve("node-b"))) {
                Path keys = work.resolve("shared-keys"); // one key service for both nodes, as Vault would be
                for (KarafProcess k : new KarafProcess[] { a, b }) {
                    k.set("etc/images.keys.local.cfg", "directory", keys.toString());
                    k.writeConfig(ProductionBackends.DATA_SOURCE, ProductionBackends.database(url, postgres));
                    k.environment("IMAGES_IT_DB_PASSWORD", postgres.password());
                    k.set("etc/images.provider.local.cfg", "latency.ms", "1000");
                }
                a.start();
                b.start(); // the first node created the user: the second shares it through the database
                String key = a.initialApiKey();
                int portA = port(a);
                String cookie = login(a.http(), a);
                try (LiveClients.Ws ws = LiveClients.Ws.open(portA, "http://127.0.0.1:" + portA, cookie)) {
                    Thread.sleep(1000); // the socket's subscription is live
                    JsonNode accepted = b.http().post("/apps/images/generate", key, "{\"prompt\":\"elsewhere\"}")
                            .json();
                    String embedId = accepted.get("embed_id").asText();
                    JsonNode queued = ws.next(m -> m.path("embed_id").asText().equals(embedId), DEADLINE);
                    assertEquals("queued, committed on node B, seen on node A", "queued",
                            queued.get("status").asText());
                    JsonNode completed = ws.next(m -> m.path("embed_id").asText().equals(embedId)
                            && m.path("status").asText().equals("completed"), DEADLINE);
                    assertEquals("elsewhere", completed.path("content").path("prompt").asText());
                }
                List<String> rows = postgres.query("images_events", "SELECT count(*) FROM images_event");
                assertFalse(rows.isEmpty());
            }
        }
    }

    private static int port(KarafProcess karaf) throws Exception {
        for (String line : Files.readAllLines(karaf.home().resolve("etc/org.ops4j.pax.web.cfg"))) {
            if (line.trim().startsWith("org.osgi.service.http.port")) {
                return Integer.parseInt(line.split("[=:]", 2)[1].trim());
            }
        }
        throw new AssertionError("no port");
    }

    private static String login(Http http, KarafProcess karaf) throws Exception {
        String password = Files.readString(karaf.home().resolve("data/images/initial-password"),
                StandardCharsets.UTF_8).trim();
        Http.Response r = http.post("/session", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        assertEquals(r.toString(), 200, r.status());
        String setCookie = r.header("Set-Cookie");
        assertNotNull(setCookie);
        String value = setCookie.split(";", 2)[0];
        assertTrue(value, value.startsWith("images_session="));
        return value.substring("images_session=".length());
    }

    private static int refusedWith(int port, String origin, String cookie) {
        try {
            LiveClients.Ws ws = LiveClients.Ws.open(port, origin, cookie);
            ws.close();
            fail("the handshake was accepted (origin " + origin + ")");
            return 0;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }
}
