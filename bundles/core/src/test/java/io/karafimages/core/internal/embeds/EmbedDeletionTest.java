package io.karafimages.core.internal.embeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.EditSkill;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.RecordingEventAdmin;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.storage.BlobStore;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.storage.fs.internal.FsBlobStore;
import io.karafimages.storage.s3.internal.S3BlobStore;
import io.karafimages.storage.s3.internal.S3Settings;
import io.karafimages.testsupport.S3Proxy;

/**
 * Crypto-shredding an embed on both real blob stores (a directory, and S3 through s3proxy): every file of it is gone
 * from the backend, its data key destroyed, its rows gone; other embeds, including one made from it, stay readable;
 * charges stay; a task still running is cancelled first.
 */
class EmbedDeletionTest {
    @TempDir
    static Path shared;
    private static S3Proxy s3;
    private static int buckets;

    private final ScriptedProvider provider = new ScriptedProvider();
    private final EditSkill edit = new EditSkill();
    private final Harness harness;
    private final DefaultTaskService tasks;
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private BlobStore backend;
    /** Where the backend's objects lie on disk (s3proxy's file-system backing for S3). */
    private Path objectsOnDisk;

    EmbedDeletionTest() throws Exception {
        harness = new Harness().provider(provider).skill("edit_test", edit);
        tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        harness.deletion(tasks, Duration.ofSeconds(20));
        harness.events.setEventAdmin(events);
    }

    @BeforeAll
    static void startS3() throws IOException {
        s3 = new S3Proxy(shared.resolve("s3")).start();
    }

    @AfterAll
    static void stopS3() {
        s3.stop();
    }

    @AfterEach
    void close() {
        harness.close();
        if (backend instanceof S3BlobStore store) {
            store.close();
        }
    }

    private void use(String kind) throws IOException {
        if (kind.equals("fs")) {
            objectsOnDisk = Files.createTempDirectory(shared, "fs");
            backend = new FsBlobStore(objectsOnDisk);
        } else {
            String bucket = "deletion-" + (++buckets);
            backend = new S3BlobStore(new S3Settings(bucket, "us-east-1", s3.endpoint(), true, S3Proxy.IDENTITY,
                    S3Proxy.CREDENTIAL, 8L << 20, 8 << 20, Duration.ofSeconds(2),
                    Duration.ofSeconds(30), 1, true, false));
            objectsOnDisk = s3.dataDirectory().resolve(bucket);
        }
        harness.backends.addBlobStore(backend, Map.of("service.ranking", 100));
    }

    @ParameterizedTest
    @ValueSource(strings = { "fs", "s3" })
    void deletingRemovesEveryFileTheKeyAndTheRowsOfThatEmbedOnly(String kind) throws Exception {
        use(kind);
        Task doomed = generate("a lighthouse");
        Task kept = generate("a harbour");
        EmbedRecord row = harness.store.findEmbed(doomed.embedId()).orElseThrow();
        assertEquals(backend.id(), row.blobBackend());
        List<String> objects = objectKeys(doomed.embedId());
        assertEquals(3, objects.size(), "original, full and preview");
        List<String> keptObjects = objectKeys(kept.embedId());
        for (String o : objects) {
            assertTrue(onDisk().contains(o) || onDisk().stream().anyMatch(f -> f.contains(o)), o + " is stored");
        }

        harness.embeds.delete("u1", doomed.embedId());

        for (String o : objects) {
            ImagesException gone = assertThrows(ImagesException.class, () -> backend.open(o).close());
            assertEquals(404, gone.httpStatus(), o);
            assertFalse(onDisk().stream().anyMatch(f -> f.contains(o)), o + " is still on disk");
        }
        assertTrue(harness.keys.destroyed.contains(row.wrappedKey()), "the data key was destroyed");
        assertEquals(1, harness.keys.destroyed.size(), "no other key was touched");
        assertTrue(harness.store.findEmbed(doomed.embedId()).isEmpty());
        assertTrue(harness.store.findTask(doomed.taskId()).isEmpty());
        assertTrue(harness.embeds.find("u1", doomed.embedId()).isEmpty());
        assertEquals(404, assertThrows(ImagesException.class,
                () -> harness.embeds.file("u1", doomed.embedId(), RenditionFormat.PREVIEW)).httpStatus());
        assertTrue(harness.store.usage("u1", Instant.EPOCH, 10).stream()
                .anyMatch(u -> u.taskId().equals(doomed.taskId())), "the charge stays");

        for (String o : keptObjects) {
            try (InputStream in = backend.open(o)) {
                assertTrue(in.readAllBytes().length > 0);
            }
        }
        assertReadable(kept.embedId());
        harness.embeds.delete("u1", doomed.embedId()); // idempotent
    }

    @Test
    void anotherUsersEmbedAndAnUnknownIdAreNotFoundAndStay() throws Exception {
        Task theirs = generate("mine");
        ImagesException e = assertThrows(ImagesException.class, () -> harness.embeds.delete("eve", theirs.embedId()));
        assertEquals(404, e.httpStatus());
        assertEquals("not_found", e.code());
        assertEquals(404, assertThrows(ImagesException.class, () -> harness.embeds.delete("u1", "no-such-embed"))
                .httpStatus());
        assertReadable(theirs.embedId());
        harness.embeds.delete("u1", theirs.embedId());
        assertEquals(404, assertThrows(ImagesException.class, () -> harness.embeds.delete("eve", theirs.embedId()))
                .httpStatus(), "eve still learns nothing, not even that it was deleted");
    }

    @Test
    void anEditOfADeletedEmbedStaysReadable() throws Exception {
        String photo = harness.upload("u1", TestImages.image(200, 160, BufferedImage.TYPE_INT_RGB));
        Task t = tasks.submit("u1", "edit_test", Map.of("image", Map.of("embed_id", photo), "how", "algorithmic",
                "mask", Map.of("shapes", List.of(Map.of("type", "rect", "x", 0.1, "y", 0.1, "w", 0.5, "h", 0.5)))),
                Optional.empty());
        Task done = Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "edit");
        assertEquals(TaskStatus.COMPLETED, done.status(), () -> String.valueOf(done.error()));

        harness.embeds.delete("u1", photo);

        assertTrue(harness.embeds.find("u1", photo).isEmpty());
        assertReadable(done.embedId());
        assertEquals(photo, harness.embeds.content("u1", done.embedId()).get("source_embed_id"));
        assertTrue(harness.blobs.objects.size() >= 3, "the edit's files stay");
    }

    @ParameterizedTest
    @ValueSource(strings = { "fs", "s3" })
    void deletingWhileTheTaskRunsCancelsItFirstAndLeavesNoFile(String kind) throws Exception {
        use(kind);
        provider.gate = new CountDownLatch(1);
        Task t = tasks.submit("u1", "generate", Map.of("prompt", "slow"), Optional.empty());
        assertTrue(provider.started.await(20, TimeUnit.SECONDS));
        assertEquals(TaskStatus.PROCESSING, tasks.find("u1", t.taskId()).orElseThrow().status());

        harness.embeds.delete("u1", t.embedId());

        assertTrue(events.topics(t.taskId()).contains("CANCELLED"), events.topics(t.taskId()).toString());
        assertFalse(events.topics(t.taskId()).contains("COMPLETED"));
        assertTrue(harness.store.findTask(t.taskId()).isEmpty(), "no task left behind in processing");
        assertTrue(harness.store.findEmbed(t.embedId()).isEmpty());
        provider.gate.countDown();
        Thread.sleep(300); // a worker that had not noticed would store its files now
        assertEquals(List.of(), onDisk(), "no file was stored for the deleted embed");
    }

    @Test
    void aQueuedTaskIsCancelledAndItsEmbedDeleted() throws Exception {
        provider.gate = new CountDownLatch(1);
        List<Task> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two workers: at least two of these wait in the queue
            queued.add(tasks.submit("u1", "generate", Map.of("prompt", "q" + i), Optional.empty()));
        }
        Task last = queued.get(3);
        harness.embeds.delete("u1", last.embedId());
        assertTrue(harness.store.findTask(last.taskId()).isEmpty());
        assertTrue(events.topics(last.taskId()).contains("CANCELLED"), events.topics(last.taskId())
                .toString());
        provider.gate.countDown();
        for (Task t : queued.subList(0, 3)) {
            assertEquals(TaskStatus.COMPLETED, Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(),
                    s -> s.status().isTerminal(), "task").status());
        }
    }

    private List<String> onDisk() throws IOException {
        if (!Files.isDirectory(objectsOnDisk)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(objectsOnDisk)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
    }

    private List<String> objectKeys(String embedId) {
        Map<?, ?> files = (Map<?, ?>) harness.embeds.content("u1", embedId).get("files");
        return files.values().stream().map(f -> (String) ((Map<?, ?>) f).get("s3_key")).toList();
    }

    private Task generate(String prompt) {
        Task t = tasks.submit("u1", "generate", Map.of("prompt", prompt), Optional.empty());
        Task done = Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "task " + t.taskId());
        assertEquals(TaskStatus.COMPLETED, done.status(), () -> String.valueOf(done.error()));
        return done;
    }

    private void assertReadable(String embedId) throws IOException {
        for (RenditionFormat f : RenditionFormat.values()) {
            try (InputStream in = harness.embeds.file("u1", embedId, f).open()) {
                assertTrue(in.readAllBytes().length > 8);
            }
        }
    }
}
