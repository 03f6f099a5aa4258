package io.karafimages.core.internal.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.provenance.internal.AiProvenance;
import io.karafimages.provenance.internal.SigningIdentity;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.BombPngs;

/**
 * Issue 11 / 12: a provider answers with a real 12000x12000 PNG (432 MB of pixels, 0.4 MB on the wire) that carries an
 * EXIF orientation, which made the provenance step decode it to rotate it (security review M2). With the real
 * provenance hook in front, the pipeline refuses it from its header as {@code image_too_large}, and the thread that
 * tried allocates a few megabytes at most, not the image.
 */
class DecompressionBombTest {
    private static final int SIDE = 12_000;

    @TempDir
    Path dir;

    @Test
    void aRotatedBombIsRefusedFromItsHeaderWithTheHeapUntouched() throws IOException {
        RenditionPipeline pipeline = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
        SigningIdentity identity = new SigningIdentity(
                Configs.of(SigningIdentity.Config.class, Map.of("directory", dir.resolve("identity").toString())));
        pipeline.setProvenance(new AiProvenance(Configs.of(AiProvenance.Config.class, Map.of()), identity));
        byte[] bomb = BombPngs.black(SIDE, 6); // rotate 90
        assertTrue(bomb.length < 2_000_000, "small on the wire: " + bomb.length);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        ImagesException e = assertThrows(ImagesException.class, () -> pipeline.render(bomb, "image/png",
                ProvenanceInfo.builder("generate").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).build()));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals("image_too_large", e.code(), e::getMessage);
        assertTrue(allocated < 16L << 20, "allocated " + (allocated >> 20) + " MiB refusing a 432 MB bomb");
    }
}
