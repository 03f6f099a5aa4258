package io.karafimages.core.internal.embeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.FileInfo;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.core.internal.store.EmbedFileRow;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.FileRoute;

/**
 * Downloads routed by the V8 rows: headers without a key, one unwrap per stream, the route cache and its invalidation
 * on this node and its bound on another one (a second service on the same database), and the backfill of embeds made
 * before the rows existed.
 */
class EmbedDownloadRoutingTest {
    private final Harness harness;
    private final AtomicLong otherNodeClock = new AtomicLong();
    private final EmbedRoutes otherNodeRoutes;
    private final DefaultEmbedService otherNode;

    EmbedDownloadRoutingTest() throws Exception {
        harness = new Harness();
        otherNodeRoutes = new EmbedRoutes(harness.store, otherNodeClock::get, EmbedRoutes.MAX_ENTRIES);
        otherNode = new DefaultEmbedService(harness.store, harness.backends, harness.files,
                new EmbedUploads(harness.store, harness.backends, harness.files, harness.pipeline), otherNodeRoutes);
        harness.deletion(null, java.time.Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private String upload() {
        return harness.upload("u1", TestImages.image(320, 240, BufferedImage.TYPE_INT_RGB));
    }

    private static byte[] read(EmbedFile file) throws IOException {
        try (InputStream in = file.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void headersComeFromTheRowWithoutAKeyAndOnlyTheStreamUnwrapsOne() throws IOException {
        String id = upload();
        int before = harness.keys.unwraps.get();
        EmbedFile preview = harness.embeds.file("u1", id, RenditionFormat.PREVIEW);
        FileInfo info = preview.info();
        String etag = preview.etag();
        assertEquals(before, harness.keys.unwraps.get(), "HEAD and 304 need no key");
        assertEquals("image/webp", info.mime());
        assertEquals(320, info.width());

        EmbedFileRow row = harness.store.findFileRoute(id, RenditionFormat.PREVIEW).orElseThrow().file();
        assertEquals("\"" + EmbedRoutes.etag(row.objectKey()) + "\"", etag);
        byte[] bytes = read(preview);
        assertEquals(before + 1, harness.keys.unwraps.get());
        assertEquals(info.sizeBytes(), bytes.length);
        assertArrayEquals(harness.embeds.readAll("u1", id, RenditionFormat.PREVIEW), bytes);
        assertNotEquals(etag, harness.embeds.file("u1", id, RenditionFormat.FULL).etag(), "one tag per file");
        assertNotEquals("\"" + EmbedFiles.sha256(bytes) + "\"", etag, "no plaintext hash in the clear");
    }

    /** A file opens without waiting for another server only when neither its store nor its key service is remote. */
    @Test
    void filesSayWhetherOpeningThemWaitsForAnotherServer() {
        String id = upload();
        assertTrue(harness.embeds.file("u1", id, RenditionFormat.PREVIEW).remote(), "the SPI's default");
        harness.blobs.remote = false;
        assertTrue(harness.embeds.file("u1", id, RenditionFormat.PREVIEW).remote(), "a remote key service");
        harness.keys.remote = false;
        assertFalse(harness.embeds.file("u1", id, RenditionFormat.PREVIEW).remote(), "both local");
        harness.blobs.remote = true;
        assertTrue(harness.embeds.file("u1", id, RenditionFormat.PREVIEW).remote(), "a remote store");
    }

    @Test
    void foreignEmbedsAreAbsentUnfinishedOnesConflict() {
        String id = upload();
        ImagesException foreign = assertThrows(ImagesException.class,
                () -> harness.embeds.file("u2", id, RenditionFormat.PREVIEW));
        assertEquals(404, foreign.httpStatus());
        harness.embeds.file("u1", id, RenditionFormat.PREVIEW); // now cached: the owner check still holds
        assertEquals(404, assertThrows(ImagesException.class,
                () -> harness.embeds.file("u2", id, RenditionFormat.PREVIEW)).httpStatus());
        assertEquals(404, assertThrows(ImagesException.class,
                () -> harness.embeds.file("u1", "nope", RenditionFormat.PREVIEW)).httpStatus());

        Instant now = Instant.now();
        harness.store.createEmbed(new EmbedRecord("busy", "u1", EmbedRecord.IMAGE, EmbedStatus.PROCESSING, "test",
                "test:x", null, null, now, now));
        ImagesException busy = assertThrows(ImagesException.class,
                () -> harness.embeds.file("u1", "busy", RenditionFormat.PREVIEW));
        assertEquals(409, busy.httpStatus());
        assertEquals("embed_not_ready", busy.code());
    }

    @Test
    void aCachedRouteServesWithoutARowAndADeletionEndsItAtOnceOnThisNode() throws IOException {
        String id = upload();
        harness.embeds.file("u1", id, RenditionFormat.PREVIEW);
        harness.store.putEmbedFiles(id, List.of()); // the row is gone, the cached route is not
        assertTrue(read(harness.embeds.file("u1", id, RenditionFormat.PREVIEW)).length > 0, "served from the cache");
        harness.routes.invalidate(id);
        harness.embeds.file("u1", id, RenditionFormat.PREVIEW); // read again: backfilled from the content
        assertEquals(3, harness.store.findEmbedFiles(id).size());

        harness.embeds.delete("u1", id);
        ImagesException gone = assertThrows(ImagesException.class,
                () -> harness.embeds.file("u1", id, RenditionFormat.PREVIEW));
        assertEquals(404, gone.httpStatus());
        assertEquals(0, harness.routes.size());
    }

    @Test
    void anotherNodeStopsServingADeletedEmbedWithinTheTtl() {
        String id = upload();
        EmbedFile cached = otherNode.file("u1", id, RenditionFormat.PREVIEW);
        harness.embeds.delete("u1", id);
        assertThrows(ImagesException.class, cached::open, "its files and key are gone already");
        otherNodeClock.addAndGet(EmbedRoutes.TTL_NANOS - 1);
        otherNode.file("u1", id, RenditionFormat.PREVIEW); // headers only: still the cached route
        otherNodeClock.addAndGet(1);
        assertEquals(404, assertThrows(ImagesException.class,
                () -> otherNode.file("u1", id, RenditionFormat.PREVIEW)).httpStatus());
    }

    @Test
    void aMigrationIsSeenAtOnceHereAndOnTheFirstMissingObjectElsewhere() throws IOException {
        String id = upload();
        byte[] before = read(harness.embeds.file("u1", id, RenditionFormat.FULL));
        EmbedFile elsewhere = otherNode.file("u1", id, RenditionFormat.FULL); // cached on 'mem' by the other node
        MemoryBlobStore s3 = new MemoryBlobStore("s3");
        harness.backends.addBlobStore(s3, Map.of("service.ranking", 100));
        new StorageMigration(harness.store, harness.backends, harness.routes).migrate("mem", "s3", true, l -> { });
        assertTrue(harness.blobs.objects.isEmpty());

        assertArrayEquals(before, read(harness.embeds.file("u1", id, RenditionFormat.FULL)));
        assertArrayEquals(before, read(elsewhere), "the old backend's 404 makes the other node read the row again");
        assertEquals("s3", otherNodeRoutes.route(id, RenditionFormat.FULL).orElseThrow().blobBackend());
    }

    /** An embed stored before V8 has no rows: its first download writes them, later ones need no key for headers. */
    @Test
    void embedsWithoutRowsAreBackfilledOnTheirFirstDownload() throws IOException {
        String id = upload();
        byte[] expected = harness.embeds.readAll("u1", id, RenditionFormat.ORIGINAL);
        harness.store.putEmbedFiles(id, List.of());
        FileRoute bare = harness.store.findFileRoute(id, RenditionFormat.ORIGINAL).orElseThrow();
        assertEquals(null, bare.file());

        int before = harness.keys.unwraps.get();
        EmbedFile original = otherNode.file("u1", id, RenditionFormat.ORIGINAL);
        assertEquals(before + 1, harness.keys.unwraps.get(), "the backfill decrypts the content once");
        assertEquals(3, harness.store.findEmbedFiles(id).size());
        assertEquals("image/png", original.info().mime());
        assertArrayEquals(expected, read(original));

        int after = harness.keys.unwraps.get();
        harness.embeds.file("u1", id, RenditionFormat.PREVIEW).etag();
        assertEquals(after, harness.keys.unwraps.get());
    }

    @Test
    void theCacheStaysWithinItsBound() {
        EmbedRoutes small = new EmbedRoutes(harness.store, otherNodeClock::get, 10);
        for (int i = 0; i < 50; i++) {
            small.remember(new FileRoute("e" + i, "u1", EmbedRecord.IMAGE, EmbedStatus.FINISHED, "test", "w", "mem",
                    new EmbedFileRow("e" + i, RenditionFormat.PREVIEW, "k" + i,
                            new FileInfo(1, 1, 1, "webp", "image/webp"), "t")));
            assertTrue(small.size() <= 10, "size " + small.size());
        }
        small.remember(new FileRoute("p", "u1", EmbedRecord.IMAGE, EmbedStatus.PROCESSING, "test", "w", null, null));
        assertTrue(small.size() <= 10);
    }
}
