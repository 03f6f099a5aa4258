package io.karafimages.core.internal.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedSummary;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;

/** The caller's embeds and tasks, newest first, page by page, with what a gallery shows of each embed. */
class ListsTest {
    private final Harness harness;
    private final DefaultTaskService tasks;

    ListsTest() throws Exception {
        harness = new Harness().provider(new ScriptedProvider());
        tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void embedPagesAreNewestFirstWithSkillPromptAndPreviewSize() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(harness.upload("u1", TestImages.image(300, 200, BufferedImage.TYPE_INT_RGB)));
        }
        Task generated = run("a red kite over the dunes");
        made.add(generated.embedId());
        harness.upload("eve", TestImages.image(50, 50, BufferedImage.TYPE_INT_RGB));

        List<EmbedSummary> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<EmbedSummary> page = harness.embeds.list("u1", 3, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(2, pages);
        assertEquals(List.of(made.get(3), made.get(2), made.get(1), made.get(0)),
                all.stream().map(s -> s.embed().embedId()).toList());

        EmbedSummary gen = all.get(0);
        assertEquals("generate", gen.skill());
        assertEquals("generated", gen.source());
        assertEquals("a red kite over the dunes", gen.prompt());
        assertTrue(gen.model().startsWith("scripted/"), gen.model());
        assertTrue(gen.preview().width() > 0 && gen.preview().sizeBytes() > 0);
        EmbedSummary upload = all.get(1);
        assertEquals("upload", upload.skill());
        assertNull(upload.prompt());
        assertEquals(300, upload.preview().width() * 200 / upload.preview().height(), "the preview keeps the ratio");

        assertEquals(1, harness.embeds.list("eve", 50, null).items().size(), "another user's rows never appear");
        assertEquals(List.of(), harness.embeds.list("nobody", 50, null).items());
    }

    @Test
    void taskPagesFilterByStatus() {
        Task done = run("one");
        Task other = run("two");
        Page<Task> completed = tasks.list("u1", TaskStatus.COMPLETED, 1, null);
        assertEquals(List.of(other.taskId()), completed.items().stream().map(Task::taskId).toList());
        Page<Task> second = tasks.list("u1", TaskStatus.COMPLETED, 1, completed.nextCursor());
        assertEquals(List.of(done.taskId()), second.items().stream().map(Task::taskId).toList());
        assertNull(second.nextCursor(), "the last page says so");
        assertEquals(List.of(), tasks.list("u1", TaskStatus.FAILED, 50, null).items());
        assertEquals(2, tasks.list("u1", null, 50, null).items().size());
        assertEquals(List.of(), tasks.list("eve", null, 50, null).items());
    }

    @Test
    void badLimitsAndCursorsAreRefusedWithTheirCodes() {
        for (int limit : new int[] { 0, -1, 101 }) {
            ImagesException e = assertThrows(ImagesException.class, () -> harness.embeds.list("u1", limit, null));
            assertEquals("invalid_limit", e.code());
            assertEquals(400, e.httpStatus());
            assertEquals("invalid_limit", assertThrows(ImagesException.class,
                    () -> tasks.list("u1", null, limit, null)).code());
        }
        run("x");
        run("y");
        String taskCursor = tasks.list("u1", null, 1, null).nextCursor();
        String b64 = Base64.getUrlEncoder().encodeToString("e1.notanumber.x".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] { "!!!", "bm90IGEgY3Vyc29y", b64, taskCursor, "e".repeat(600) }) {
            ImagesException e = assertThrows(ImagesException.class, () -> harness.embeds.list("u1", 5, bad), bad);
            assertEquals("invalid_cursor", e.code(), bad);
            assertEquals(400, e.httpStatus());
        }
        assertEquals(1, tasks.list("u1", null, 1, taskCursor).items().size(), "a task cursor works for tasks");
    }

    private Task run(String prompt) {
        Task t = tasks.submit("u1", "generate", Map.of("prompt", prompt), Optional.empty());
        Task done = Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "task");
        assertEquals(TaskStatus.COMPLETED, done.status());
        return done;
    }
}
