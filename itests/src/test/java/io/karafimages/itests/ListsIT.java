package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /v1/embeds}, {@code GET /v1/tasks} and {@code DELETE /v1/embeds/{id}} in the distribution (file-system
 * storage, local keys, H2): pages newest first with cursors, the status filter, bad input refused with its code,
 * another user sees and deletes nothing, a deleted embed's files leave the data directory, and deleting an embed
 * whose task is running cancels the task instead of leaving it in {@code processing}.
 */
public class ListsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The local provider's simulated latency: long enough to catch a task while it runs. */
    private static final int LATENCY_MS = 15000;

    private static KarafProcess karaf;
    private static Http http;
    private static String key;
    private static String eve;

    @BeforeClass
    public static void start() throws Exception {
        karaf = new KarafProcess(Path.of("target", "lists-it-" + System.nanoTime()));
        karaf.set("etc/images.provider.local.cfg", "latency.ms", String.valueOf(LATENCY_MS));
        karaf.set("etc/images.tasks.cfg", "poll.interval.ms", "200");
        karaf.enableShellUser("operator", UUID.randomUUID().toString());
        karaf.start();
        http = karaf.http();
        key = karaf.initialApiKey();
        String name = "eve-" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + name);
        eve = karaf.shell("images:apikey-create " + name).lines().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                .orElseThrow().trim();
    }

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.closeAll(karaf);
    }

    @Test
    public void sevenEmbedsComeBackNewestFirstThreeAtATimeAndNeverToAnotherUser() throws Exception {
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            uploaded.add(http.upload(key, TestPictures.encode(picture(new Color(30 * i, 90, 200 - 20 * i)), "png"),
                    "image/png"));
        }
        List<String> expected = new ArrayList<>(uploaded);
        java.util.Collections.reverse(expected);

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        JsonNode first = null;
        do {
            Http.Response page = http.get("/embeds?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertEquals(page.toString(), 200, page.status());
            JsonNode body = page.json();
            first = first == null ? body : first;
            sizes.add(body.path("items").size());
            body.path("items").forEach(item -> {
                if (uploaded.contains(item.path("embed_id").asText())) {
                    seen.add(item.path("embed_id").asText());
                }
            });
            cursor = body.path("next_cursor").isNull() ? null : body.path("next_cursor").asText();
            assertTrue("the cursor is url-safe", cursor == null || cursor.matches("[A-Za-z0-9_-]+"));
        } while (cursor != null && sizes.size() < 20);
        // the class's other tests may add embeds first; these seven are the newest of their own run
        assertEquals(expected, seen);
        JsonNode newest = first.path("items").get(0);
        assertEquals(uploaded.get(6), newest.path("embed_id").asText());
        assertEquals("finished", newest.path("status").asText());
        assertEquals("upload", newest.path("skill").asText());
        double ratio = newest.path("preview").path("width").asDouble() / newest.path("preview").path("height")
                .asDouble();
        assertEquals("the preview keeps the 4:3 picture's ratio", 4.0 / 3, ratio, 0.05);
        assertEquals(3, sizes.get(0).intValue());

        Http.Response theirs = http.get("/embeds", eve);
        assertEquals(200, theirs.status());
        assertEquals(0, theirs.json().path("items").size());
        assertTrue(theirs.json().path("next_cursor").isNull());
        assertEquals(404, http.send("DELETE", "/embeds/" + uploaded.get(0), eve, null).status());
        assertEquals("eve deleted nothing", 200, http.get("/embeds/" + uploaded.get(0) + "/file", key).status());

        String listed = karaf.shell("images:embeds -n 3 admin");
        assertTrue(listed, listed.contains(uploaded.get(6)));
        assertTrue(listed, listed.contains("images:embeds -n 3 --cursor "));
    }

    @Test
    public void badLimitsCursorsAndStatusesAre400WithTheirCodes() {
        Object[][] cases = {
            { "/embeds?limit=0", "invalid_limit" },
            { "/embeds?limit=101", "invalid_limit" },
            { "/embeds?limit=ten", "invalid_limit" },
            { "/embeds?cursor=not-a-cursor", "invalid_cursor" },
            { "/tasks?cursor=ZTEuMTcwMDAwMDAwMDAwMC54", "invalid_cursor" }, // an embed-list cursor
            { "/tasks?limit=1000", "invalid_limit" },
            { "/tasks?status=done", "invalid_status" },
        };
        for (Object[] c : cases) {
            Http.Response r = http.get((String) c[0], key);
            assertEquals(c[0] + ": " + r, 400, r.status());
            assertEquals(c[0] + ": " + r, c[1], r.json().path("code").asText());
        }
        assertEquals(401, http.get("/embeds", null).status());
    }

    @Test
    public void theStatusFilterShowsOnlyTasksInThatState() {
        JsonNode accepted = http.post("/apps/images/generate", key, "{\"prompt\":\"cancel me\"}").json();
        String taskId = accepted.path("task_id").asText();
        assertEquals(202, http.send("DELETE", "/tasks/" + taskId, key, null).status());
        assertEquals("cancelled", http.awaitTask(taskId, key, DEADLINE).path("status").asText());

        JsonNode cancelled = http.get("/tasks?status=cancelled&limit=100", key).json();
        assertTrue(cancelled.toString(), ids(cancelled).contains(taskId));
        cancelled.path("items").forEach(t -> assertEquals("cancelled", t.path("status").asText()));
        JsonNode completed = http.get("/tasks?status=completed&limit=100", key).json();
        assertFalse(ids(completed).contains(taskId));
        completed.path("items").forEach(t -> assertEquals("completed", t.path("status").asText()));
        JsonNode all = http.get("/tasks?limit=1", key).json();
        assertEquals(1, all.path("items").size());
        assertNotNull(all.path("items").get(0).path("skill").asText(null));
        assertEquals(0, http.get("/tasks", eve).json().path("items").size());
    }

    @Test
    public void aDeletedEmbedIsGoneFromTheApiAndItsFilesFromTheDataDirectory() throws Exception {
        String embed = http.upload(key, TestPictures.encode(picture(Color.ORANGE), "png"), "image/png");
        JsonNode content = http.get("/embeds/" + embed + "/content", key).json();
        List<String> objects = new ArrayList<>();
        content.path("files").forEach(f -> objects.add(f.path("s3_key").asText()));
        assertEquals(3, objects.size());
        for (String o : objects) {
            assertTrue(o + " is stored", blobs().stream().anyMatch(f -> f.contains(o)));
        }

        assertEquals(204, http.send("DELETE", "/embeds/" + embed, key, null).status());

        for (String format : new String[] { "preview", "full", "original" }) {
            assertEquals(format, 404, http.get("/embeds/" + embed + "/file?format=" + format, key).status());
        }
        assertEquals(404, http.get("/embeds/" + embed, key).status());
        assertEquals(404, http.get("/embeds/" + embed + "/content", key).status());
        for (String o : objects) {
            assertFalse(o + " is still in the data directory", blobs().stream().anyMatch(f -> f.contains(o)));
        }
        assertFalse(ids(http.get("/embeds?limit=100", key).json()).contains(embed));
        assertEquals("idempotent", 204, http.send("DELETE", "/embeds/" + embed, key, null).status());
        assertEquals(404, http.send("DELETE", "/embeds/" + embed, eve, null).status());
        assertEquals(404, http.send("DELETE", "/embeds/" + UUID.randomUUID(), key, null).status());

        String byOperator = http.upload(key, TestPictures.encode(picture(Color.PINK), "png"), "image/png");
        karaf.shell("images:embed-delete admin " + byOperator);
        assertEquals(404, http.get("/embeds/" + byOperator, key).status());
    }

    @Test
    public void deletingAnEmbedWhileItsTaskRunsCancelsTheTask() throws Exception {
        List<String> before = blobs();
        long submitted = System.nanoTime();
        JsonNode accepted = http.post("/apps/images/generate", key, "{\"prompt\":\"in flight\"}")
                .json();
        String taskId = accepted.path("task_id").asText();
        String embedId = accepted.path("embed_id").asText();
        Http.until(DEADLINE, () -> http.get("/tasks/" + taskId, key).json(),
                t -> t.path("status").asText().equals("processing") && t.path("progress").asDouble() > 0);
        assertTrue(ids(http.get("/tasks?status=processing&limit=100", key).json()).contains(taskId));

        long start = System.nanoTime();
        assertEquals(204, http.send("DELETE", "/embeds/" + embedId, key, null).status());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue("the running task was cancelled, not waited for: " + took,
                took.compareTo(Duration.ofMillis(LATENCY_MS / 2)) < 0);

        assertEquals(404, http.get("/tasks/" + taskId, key).status());
        assertEquals(404, http.get("/embeds/" + embedId, key).status());
        assertFalse("never left in processing",
                ids(http.get("/tasks?status=processing&limit=100", key).json()).contains(taskId));
        // past the moment the provider would have answered: the cancelled worker stored nothing
        long waitMs = LATENCY_MS + 3000 - Duration.ofNanos(System.nanoTime() - submitted).toMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        assertEquals(before, blobs());
        assertFalse(ids(http.get("/tasks?limit=100", key).json()).contains(taskId));
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.has("task_id") ? i.path("task_id").asText()
                : i.path("embed_id").asText()));
        return out;
    }

    private static List<String> blobs() throws IOException {
        Path dir = karaf.home().resolve("data/images/blobs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static BufferedImage picture(Color color) {
        BufferedImage img = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 120, 90);
        g.setColor(Color.WHITE);
        g.fillOval(30, 20, 60, 50);
        g.dispose();
        return img;
    }
}
