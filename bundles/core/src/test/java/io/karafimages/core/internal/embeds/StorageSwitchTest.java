package io.karafimages.core.internal.embeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.testing.TestKeyService;

/** Switching storage and key backends at runtime, and migrating stored files, with nothing lost. */
class StorageSwitchTest {
    private final Harness harness;
    private final DefaultTaskService tasks;

    StorageSwitchTest() throws Exception {
        harness = new Harness().provider(new ScriptedProvider());
        tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void anInstalledBackendTakesNewWorkAndOldEmbedsStayReadable() throws Exception {
        List<Task> before = generate(2);
        MemoryBlobStore s3 = new MemoryBlobStore("s3");
        TestKeyService vault = new TestKeyService("vault");
        harness.backends.addBlobStore(s3, Map.of("service.ranking", 100));
        harness.backends.addKeyService(vault, Map.of("service.ranking", 100));
        List<Task> after = generate(2);

        assertEquals(6, s3.objects.size(), "new files went to the new store");
        assertEquals(6, harness.blobs.objects.size(), "old files stayed where they were");
        assertEquals("vault", harness.store.findEmbed(after.get(0).embedId()).orElseThrow().keyBackend());
        assertEquals("test", harness.store.findEmbed(before.get(0).embedId()).orElseThrow().keyBackend());
        for (Task t : concat(before, after)) {
            assertReadable(t);
        }
    }

    @Test
    void migrationMovesEveryFileVerifiedAndIsResumable() throws Exception {
        List<Task> old = generate(3);
        MemoryBlobStore s3 = new MemoryBlobStore("s3");
        harness.backends.addBlobStore(s3, Map.of("service.ranking", 100));
        StorageMigration migration = new StorageMigration(harness.store, harness.backends, harness.routes);

        s3.failingPuts.set(1); // the first copy fails: that embed stays on 'mem'
        StorageMigration.Result first = migration.migrate("mem", "s3", true, line -> { });
        assertEquals(2, first.moved());
        assertEquals(1, first.failed());
        StorageMigration.Result second = migration.migrate("mem", "s3", true, line -> { });
        assertEquals(1, second.moved());
        assertEquals(0, second.failed());

        assertTrue(harness.blobs.objects.isEmpty(), "sources deleted after verified copies");
        assertEquals(9, s3.objects.size());
        for (Task t : old) {
            assertEquals("s3", harness.store.findEmbed(t.embedId()).orElseThrow().blobBackend());
            assertReadable(t);
        }
    }

    private List<Task> generate(int n) throws InterruptedException {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Task t = tasks.submit("u1", "generate", Map.of("prompt", "p" + i), Optional.empty());
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            while (!tasks.find("u1", t.taskId()).orElseThrow().status().isTerminal()) {
                assertTrue(System.nanoTime() < end, "task did not finish");
                never.await(20, java.util.concurrent.TimeUnit.MILLISECONDS); // poll interval
            }
            assertEquals(TaskStatus.COMPLETED, tasks.find("u1", t.taskId()).orElseThrow().status());
            out.add(t);
        }
        return out;
    }

    private void assertReadable(Task t) throws IOException {
        for (RenditionFormat f : RenditionFormat.values()) {
            try (InputStream in = harness.embeds.file("u1", t.embedId(), f).open()) {
                assertTrue(in.readAllBytes().length > 8);
            }
        }
    }

    private static List<Task> concat(List<Task> a, List<Task> b) {
        List<Task> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
