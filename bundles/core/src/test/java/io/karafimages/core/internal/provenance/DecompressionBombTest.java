package io.karafimages.core.internal.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.provenance.internal.AiProvenance;
import io.karafimages.provenance.internal.SigningIdentity;
import io.karafimages.spi.provenance.ProvenanceInfo;

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
        byte[] bomb = rotatedBomb();
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

    /** A valid 12000x12000 RGB PNG of zeros with an eXIf chunk saying "rotate 90" (orientation 6). */
    private static byte[] rotatedBomb() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(SIDE);
        h.writeInt(SIDE);
        h.write(new byte[] { 8, 2, 0, 0, 0 });
        chunk(png, "IHDR", ihdr.toByteArray());
        // big-endian TIFF: header, one IFD entry (0x0112 Orientation, SHORT, count 1, value 6), no next IFD
        chunk(png, "eXIf", new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
                0, 0, 0, 0, 0, 0 });
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + SIDE * 3]; // filter 0, black pixels
            for (int y = 0; y < SIDE; y++) {
                z.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
