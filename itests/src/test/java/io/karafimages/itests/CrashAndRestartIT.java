package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The distribution as a process: a task interrupted by a crash (SIGKILL) completes after the restart, earlier
 * embeds stay downloadable, and a running task can be cancelled. The local provider is given a few seconds of
 * simulated latency so that a task is reliably in flight when the process dies.
 */
public class CrashAndRestartIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    public void aTaskInterruptedByACrashCompletesAfterRestartAndOldEmbedsStayReadable() throws Exception {
        try (KarafProcess karaf = new KarafProcess(Path.of("target", "crash-it-" + System.nanoTime()))) {
            karaf.set("etc/images.provider.local.cfg", "latency.ms", "4000");
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();

            JsonNode before = http.post("/apps/images/generate", key, "{\"prompt\":\"before the crash\"}").json();
            assertEquals("completed", http.awaitTask(before.get("task_id").asText(), key, DEADLINE)
                    .get("status").asText());

            JsonNode inFlight = http.post("/apps/images/generate", key, "{\"prompt\":\"in flight\"}").json();
            String taskId = inFlight.get("task_id").asText();
            Http.until(DEADLINE, () -> http.get("/tasks/" + taskId, key).json().get("status").asText(),
                    s -> s.equals("processing"));
            karaf.kill();

            karaf.start();
            JsonNode resumed = http.awaitTask(taskId, key, DEADLINE);
            assertEquals(resumed.toString(), "completed", resumed.get("status").asText());
            for (JsonNode accepted : new JsonNode[] { before, inFlight }) {
                for (String format : new String[] { "original", "full", "preview" }) {
                    Http.Response file = http.get("/embeds/" + accepted.get("embed_id").asText() + "/file?format="
                            + format, key);
                    assertEquals(format, 200, file.status());
                    assertTrue(file.body().length > 100);
                }
            }
        }
    }

    @Test
    public void aRunningTaskCanBeCancelled() throws Exception {
        try (KarafProcess karaf = new KarafProcess(Path.of("target", "cancel-it-" + System.nanoTime()))) {
            karaf.set("etc/images.provider.local.cfg", "latency.ms", "20000");
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();
            JsonNode accepted = http.post("/apps/images/generate", key, "{\"prompt\":\"never mind\"}").json();
            String taskId = accepted.get("task_id").asText();
            JsonNode running = Http.until(DEADLINE, () -> http.get("/tasks/" + taskId, key).json(),
                    t -> t.get("progress").asDouble() > 0);
            assertEquals("processing", running.get("status").asText());
            assertTrue("an estimate while running", running.hasNonNull("estimated_finish_at"));

            assertEquals(202, http.send("DELETE", "/tasks/" + taskId, key, null).status());
            JsonNode done = http.awaitTask(taskId, key, Duration.ofSeconds(15));
            assertEquals("cancelled", done.get("status").asText());
            assertEquals("cancelled", http.get("/embeds/" + accepted.get("embed_id").asText(), key).json()
                    .get("status").asText());
            assertEquals(202, http.send("DELETE", "/tasks/" + taskId, key, null).status());
            assertEquals(409, http.get("/embeds/" + accepted.get("embed_id").asText() + "/file", key).status());
        }
    }
}
