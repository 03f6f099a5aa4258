package io.karafimages.rest.internal;

import static io.karafimages.rest.internal.FileDownloadFixture.ALICE_KEY;
import static io.karafimages.rest.internal.FileDownloadFixture.BOBS;
import static io.karafimages.rest.internal.FileDownloadFixture.FINISHED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;

/**
 * {@code download.concurrency}: downloads take turns to prepare (authenticate, open, read the first bytes), in
 * arrival order, and write to their clients outside their turn; a remote file (S3, Vault) is opened between two
 * turns; a failed preparation gives its turn back.
 */
class FileDownloadTurnsTest {
    private final FileDownloadFixture fixture = new FileDownloadFixture();
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    private FileDownloadPreprocessor bounded(int concurrency) {
        return new FileDownloadPreprocessor(fixture.embeds(), fixture.users(), fixture.sessions(), "/v1",
                concurrency);
    }

    @Test
    void minusOneMeansOneTurnMoreThanTheCores() {
        assertEquals(3, FileDownloadPreprocessor.turns(-1, 2));
        assertEquals(9, FileDownloadPreprocessor.turns(-1, 8));
        assertEquals(0, FileDownloadPreprocessor.turns(0, 8), "0: no bound");
        assertEquals(4, FileDownloadPreprocessor.turns(4, 2));
    }

    @Test
    void aBoundChangesNoAnswer() throws Exception {
        FileDownloadPreprocessor downloads = bounded(2);
        for (RenditionFormat f : RenditionFormat.values()) {
            byte[] file = fixture.bytes(FINISHED, f);
            ServletFakes.Response r = get(downloads, FINISHED, f, "GET");
            assertEquals(200, r.status);
            assertArrayEquals(file, r.body.toByteArray(), f.wireName());
            assertEquals(String.valueOf(file.length), r.header("Content-Length"));
        }
        assertTrue(fixture.bytes(FINISHED, RenditionFormat.PREVIEW).length > FileDownloadPreprocessor.PREFETCH,
                "a file longer than what is read in the turn");
        assertEquals(404, get(downloads, BOBS, RenditionFormat.PREVIEW, "GET").status);
        ServletFakes.Response head = get(downloads, FINISHED, RenditionFormat.FULL, "HEAD");
        assertEquals(200, head.status);
        assertEquals(0, head.body.size());
    }

    @Test
    void aDownloadWaitsForItsTurnButNotForAnotherDownloadsClient() throws Exception {
        FileDownloadPreprocessor downloads = bounded(1);
        CountDownLatch firstReading = new CountDownLatch(1);
        CountDownLatch decrypted = new CountDownLatch(1);
        fixture.onFirstRead = firstOnly(firstReading, decrypted);
        ServletFakes.Response slowClient = new ServletFakes.Response();
        CountDownLatch slowClientReads = new CountDownLatch(1);
        slowClient.writable = slowClientReads;
        Future<?> first = clients.submit(() -> send(downloads, slowClient, FINISHED, RenditionFormat.PREVIEW, "GET"));
        assertTrue(firstReading.await(10, TimeUnit.SECONDS));

        ServletFakes.Response other = new ServletFakes.Response();
        Future<?> second = clients.submit(() -> send(downloads, other, FINISHED, RenditionFormat.FULL, "GET"));
        awaitWaiting(downloads);
        assertEquals(1, downloads.waiting(), "the second download waits for a turn");
        assertEquals(1, fixture.opens.get(), "and has not opened its file (on local disk: opened in the turn)");
        assertTrue(!second.isDone());

        decrypted.countDown(); // the first download reads its first bytes, ends its turn, then waits for its client
        second.get(10, TimeUnit.SECONDS);
        assertEquals(200, other.status);
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.FULL), other.body.toByteArray());
        assertTrue(!first.isDone(), "the first download is still writing to its slow client");

        slowClientReads.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.PREVIEW), slowClient.body.toByteArray());
    }

    /** With S3 or Vault, opening waits for their round trips: that wait holds no turn. */
    @Test
    void aSlowRemoteStoreHoldsNoTurn() throws Exception {
        fixture.remote = true;
        FileDownloadPreprocessor downloads = bounded(1);
        CountDownLatch firstInOpen = new CountDownLatch(1);
        CountDownLatch storeAnswers = new CountDownLatch(1);
        fixture.onOpen = firstOnly(firstInOpen, storeAnswers);
        ServletFakes.Response slow = new ServletFakes.Response();
        Future<?> first = clients.submit(() -> send(downloads, slow, FINISHED, RenditionFormat.PREVIEW, "GET"));
        assertTrue(firstInOpen.await(10, TimeUnit.SECONDS));

        ServletFakes.Response other = new ServletFakes.Response();
        try {
            clients.submit(() -> send(downloads, other, FINISHED, RenditionFormat.FULL, "GET"))
                    .get(10, TimeUnit.SECONDS);
        } finally {
            storeAnswers.countDown(); // also when the second download waited in vain: the first then ends its turn
        }
        assertEquals(200, other.status, "served in full while the first download waited for its store");
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.FULL), other.body.toByteArray());

        first.get(10, TimeUnit.SECONDS);
        assertEquals(200, slow.status);
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.PREVIEW), slow.body.toByteArray());
    }

    /** A remote file is opened outside a turn, but its first bytes are read and decrypted in one. */
    @Test
    void aRemoteFileIsReadInATurn() throws Exception {
        fixture.remote = true;
        FileDownloadPreprocessor downloads = bounded(1);
        CountDownLatch firstReading = new CountDownLatch(1);
        CountDownLatch decrypted = new CountDownLatch(1);
        fixture.onFirstRead = firstOnly(firstReading, decrypted);
        ServletFakes.Response r1 = new ServletFakes.Response();
        Future<?> first = clients.submit(() -> send(downloads, r1, FINISHED, RenditionFormat.PREVIEW, "GET"));
        assertTrue(firstReading.await(10, TimeUnit.SECONDS));
        ServletFakes.Response r2 = new ServletFakes.Response();
        Future<?> second = clients.submit(() -> send(downloads, r2, FINISHED, RenditionFormat.FULL, "GET"));
        awaitWaiting(downloads);
        assertEquals(1, downloads.waiting(), "the first download reads its remote file in a turn");
        assertEquals(1, fixture.opens.get());
        decrypted.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.PREVIEW), r1.body.toByteArray());
        assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.FULL), r2.body.toByteArray());
    }

    /** A hook whose first run signals {@code started}, then waits for {@code go}; later runs return at once. */
    private static Runnable firstOnly(CountDownLatch started, CountDownLatch go) {
        AtomicInteger runs = new AtomicInteger();
        return () -> {
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(go);
            }
        };
    }

    /** Polls (1 ms parks, 10 s deadline) until a download waits for a turn. */
    private static void awaitWaiting(FileDownloadPreprocessor downloads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (downloads.waiting() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void aFailedOrRefusedDownloadGivesItsTurnBack() throws Exception {
        for (boolean remote : new boolean[] { false, true }) {
            fixture.remote = remote;
            FileDownloadPreprocessor downloads = bounded(1);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                fixture.openFailure = ImagesException.unavailable("storage_unavailable", "down",
                        Duration.ofSeconds(5), null);
                assertEquals(503, get(downloads, FINISHED, RenditionFormat.PREVIEW, "GET").status);
                fixture.openFailure = null;
                ServletFakes.Response noKey = new ServletFakes.Response();
                downloads.doFilter(new ServletFakes.Request("GET", "/v1/embeds/" + FINISHED + "/file").build(),
                        noKey.build(), (rq, rs) -> { });
                assertEquals(401, noKey.status);
                ServletFakes.Response gone = new ServletFakes.Response();
                gone.clientGone = true;
                send(downloads, gone, FINISHED, RenditionFormat.PREVIEW, "GET");
                ServletFakes.Response ok = get(downloads, FINISHED, RenditionFormat.PREVIEW, "GET");
                assertEquals(200, ok.status);
                assertArrayEquals(fixture.bytes(FINISHED, RenditionFormat.PREVIEW), ok.body.toByteArray());
            });
            assertStillOneTurn(downloads);
        }
    }

    /** Neither lost nor given back twice: one download holding the turn makes the next one wait. */
    private void assertStillOneTurn(FileDownloadPreprocessor downloads) throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        fixture.onFirstRead = firstOnly(reading, go);
        try {
            Future<?> holder = clients.submit(() -> get(downloads, FINISHED, RenditionFormat.PREVIEW, "GET"));
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the turn was lost");
            Future<?> next = clients.submit(() -> get(downloads, FINISHED, RenditionFormat.FULL, "GET"));
            awaitWaiting(downloads);
            assertEquals(1, downloads.waiting(), "a turn was given back twice");
            go.countDown();
            holder.get(10, TimeUnit.SECONDS);
            next.get(10, TimeUnit.SECONDS);
        } finally {
            go.countDown();
            fixture.onFirstRead = null;
        }
    }

    private ServletFakes.Response get(FileDownloadPreprocessor downloads, String embedId, RenditionFormat f,
            String method) throws Exception {
        ServletFakes.Response r = new ServletFakes.Response();
        send(downloads, r, embedId, f, method);
        return r;
    }

    private static Void send(FileDownloadPreprocessor downloads, ServletFakes.Response r, String embedId,
            RenditionFormat f, String method) throws Exception {
        downloads.doFilter(new ServletFakes.Request(method, "/v1/embeds/" + embedId + "/file")
                .parameter("format", f.wireName()).header("Authorization", "Bearer " + ALICE_KEY).build(), r.build(),
                (rq, rs) -> {
                    throw new AssertionError("a canonical download went on to CXF");
                });
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(new TimeoutException("the test never released the store"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
