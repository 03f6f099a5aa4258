package io.karafimages.core.internal.embeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.testing.ForwardingBlobStore;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.MemoryBlobStore;
import io.karafimages.spi.storage.BlobStore;

/** M9: a migration never deletes the only copy of a file. */
class StorageMigrationSafetyTest {
    private final Harness harness;
    private final StorageMigration migration;
    private final String embedId;

    StorageMigrationSafetyTest() throws Exception {
        harness = new Harness();
        migration = new StorageMigration(harness.store, harness.backends, harness.routes);
        embedId = harness.upload("u1", new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB));
    }

    @Test
    void theSameBackendAsSourceAndTargetIsRefusedAndNothingIsDeleted() throws IOException {
        int before = harness.blobs.objects.size();

        ImagesException e = assertThrows(ImagesException.class,
                () -> migration.migrate("mem", "mem", true, line -> { }));

        assertEquals("migration_same_backend", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(3, before);
        assertEquals(before, harness.blobs.objects.size(), "no stored file was deleted");
        assertReadable();
    }

    @Test
    void twoIdsOnTheSameStorageAreRefusedAndNothingIsDeleted() throws IOException {
        // e.g. two fs configurations on one directory: a second id over the same objects
        harness.backends.addBlobStore(new Alias("mirror", harness.blobs), Map.of());

        ImagesException e = assertThrows(ImagesException.class,
                () -> migration.migrate("mem", "mirror", true, line -> { }));

        assertEquals("migration_same_backend", e.code());
        assertEquals(3, harness.blobs.objects.size(), "no stored file was deleted, the probe is gone");
        assertEquals("mem", harness.store.findEmbed(embedId).orElseThrow().blobBackend());
        assertReadable();
    }

    @Test
    void aSourceFileIsKeptWhenTheTargetNoLongerReturnsTheSameBytes() throws IOException {
        Forgetful target = new Forgetful("s3");
        harness.backends.addBlobStore(target, Map.of());

        StorageMigration.Result r = migration.migrate("mem", "s3", true, line -> { });

        assertEquals(1, r.moved());
        assertEquals(3, harness.blobs.objects.size(), "sources kept: the re-read before deletion failed");
    }

    @Test
    void aVerifiedMoveStillDeletesTheSource() throws IOException {
        MemoryBlobStore s3 = new MemoryBlobStore("s3");
        harness.backends.addBlobStore(s3, Map.of());

        StorageMigration.Result r = migration.migrate("mem", "s3", true, line -> { });

        assertEquals(1, r.moved());
        assertTrue(harness.blobs.objects.isEmpty());
        assertEquals(3, s3.objects.size(), "three renditions, no probe left behind");
        assertReadable();
    }

    private void assertReadable() throws IOException {
        for (RenditionFormat f : RenditionFormat.values()) {
            try (InputStream in = harness.embeds.file("u1", embedId, f).open()) {
                assertTrue(in.readAllBytes().length > 8);
            }
        }
    }

    /** Another id over the same objects. */
    private static final class Alias extends ForwardingBlobStore {
        private final String id;

        Alias(String id, BlobStore of) {
            super(of);
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Answers the copy's first read-back correctly, later reads with other bytes (a lost or replaced object). */
    private static final class Forgetful extends ForwardingBlobStore {
        private final Map<String, Integer> reads = new HashMap<>();

        Forgetful(String id) {
            super(new MemoryBlobStore(id));
        }

        @Override
        public synchronized InputStream open(String key) {
            InputStream in = super.open(key);
            return reads.merge(key, 1, Integer::sum) == 1 ? in : new ByteArrayInputStream(new byte[] { 1, 2, 3 });
        }
    }
}
