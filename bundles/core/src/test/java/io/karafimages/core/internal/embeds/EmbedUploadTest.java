package io.karafimages.core.internal.embeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.Pngs;
import io.karafimages.provenance.internal.AiProvenance;
import io.karafimages.provenance.internal.SigningIdentity;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/** Uploads: PNG, JPEG or WebP in; a finished, encrypted, not-AI-made embed out; nothing stored on a refusal. */
class EmbedUploadTest {
    private Harness harness;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private Harness harness(long maxPixels) throws Exception {
        harness = new Harness(new RenditionPipeline.Settings(maxPixels, 90, 85, 600, 400));
        return harness;
    }

    private static byte[] png(int w, int h) {
        return TestImages.encode(TestImages.image(w, h, BufferedImage.TYPE_INT_RGB), "png");
    }

    private void assertNothingStored() {
        assertStored(0, 0);
    }

    private void assertStored(int files, int embeds) {
        assertEquals(files, harness.blobs.objects.size(), "files stored");
        assertEquals(embeds, harness.store.findEmbedsByBlobBackend("mem", "", 10).size(), "embed rows written");
    }

    private ImagesException refused(byte[] bytes, String mediaType) {
        return assertThrows(ImagesException.class, () -> harness.embeds.upload("u1", bytes, mediaType, "x.png"));
    }

    @Test
    void aPngBecomesAFinishedUploadEmbedWithThreeRenditions() throws Exception {
        harness(RenditionPipeline.Settings.DEFAULTS.maxPixels());
        byte[] png = png(640, 400);
        Embed embed = harness.embeds.upload("u1", png, "image/png", "holiday.png");
        assertEquals(EmbedStatus.FINISHED, embed.status());
        assertEquals("u1", embed.ownerId());
        assertEquals("image", embed.type());
        assertEquals(3, harness.blobs.objects.size());

        Map<String, Object> content = harness.embeds.content("u1", embed.embedId());
        assertEquals("upload", content.get("source"));
        assertEquals("upload", content.get("skill"));
        assertEquals(false, content.get("ai_generated"));
        assertFalse(content.containsKey("digital_source_type"));
        assertFalse(content.containsKey("model"));
        assertEquals("holiday.png", content.get("name"));
        assertFalse(content.containsKey("provenance"), "no provenance writer ran, so nothing is claimed");
        assertEquals(java.util.Set.of("original", "full", "preview"), ((Map<?, ?>) content.get("files")).keySet());

        EmbedFacts facts = harness.embeds.facts("u1", embed.embedId());
        assertEquals(new EmbedFacts(embed.embedId(), 640, 400, null), facts);
        assertArrayEquals(png, harness.embeds.readAll("u1", embed.embedId(), RenditionFormat.ORIGINAL),
                "without a provenance hook the PNG original is kept byte for byte");
        try (InputStream in = harness.embeds.file("u1", embed.embedId(), RenditionFormat.PREVIEW).open()) {
            assertEquals("RIFF", new String(in.readNBytes(4)));
        }
        assertEquals(600, harness.embeds.file("u1", embed.embedId(), RenditionFormat.PREVIEW).info().width());

        assertTrue(harness.embeds.find("u2", embed.embedId()).isEmpty(), "another user does not see it");
        assertEquals(404, assertThrows(ImagesException.class,
                () -> harness.embeds.facts("u2", embed.embedId())).httpStatus());
    }

    @Test
    void jpegAndWebpAreAccepted() throws Exception {
        harness(RenditionPipeline.Settings.DEFAULTS.maxPixels());
        byte[] jpeg = TestImages.encode(TestImages.image(320, 240, BufferedImage.TYPE_INT_RGB), "jpeg");
        Embed fromJpeg = harness.embeds.upload("u1", jpeg, "image/jpeg", null);
        assertEquals(new EmbedFacts(fromJpeg.embedId(), 320, 240, null),
                harness.embeds.facts("u1", fromJpeg.embedId()));
        assertFalse(harness.embeds.content("u1", fromJpeg.embedId()).containsKey("name"));

        byte[] webp = harness.pipeline.render(png(300, 200), "image/png", null).renditions().get(1).data();
        Embed fromWebp = harness.embeds.upload("u1", webp, "image/webp", "a.webp");
        assertEquals(new EmbedFacts(fromWebp.embedId(), 300, 200, null),
                harness.embeds.facts("u1", fromWebp.embedId()));
        assertEquals(6, harness.blobs.objects.size());
    }

    @Test
    void bytesThatAreNoImageAreUnsupportedImage() throws Exception {
        harness(RenditionPipeline.Settings.DEFAULTS.maxPixels());
        for (byte[] bad : List.of("GIF89a, or rather not an image at all".getBytes(), new byte[3],
                Arrays.copyOf(png(200, 200), 200))) {
            ImagesException e = refused(bad, "image/png");
            assertEquals("unsupported_image", e.code(), e.getMessage());
            assertEquals(400, e.httpStatus());
        }
        assertNothingStored();
    }

    @Test
    void over20MegabytesIsImageTooLarge413() throws Exception {
        harness(RenditionPipeline.Settings.DEFAULTS.maxPixels());
        byte[] png = png(64, 64);
        byte[] huge = Arrays.copyOf(png, EmbedUploads.MAX_BYTES + 1);
        ImagesException e = refused(huge, "image/png");
        assertEquals("image_too_large", e.code());
        assertEquals(413, e.httpStatus());
        assertNothingStored();
        harness.embeds.upload("u1", Arrays.copyOf(png, png.length), "image/png", null); // the limit is the size
    }

    @Test
    void overTheConfiguredPixelLimitIsImageTooLarge() throws Exception {
        harness(200 * 100);
        assertEquals(EmbedStatus.FINISHED, harness.embeds.upload("u1", png(200, 100), "image/png", null).status(),
                "exactly at the limit is fine");
        assertStored(3, 1);
        ImagesException e = refused(png(201, 100), "image/png");
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().contains("20100"), e.getMessage());
        byte[] jpeg = TestImages.encode(TestImages.image(300, 300, BufferedImage.TYPE_INT_RGB), "jpeg");
        assertEquals("image_too_large", refused(jpeg, "image/jpeg").code());
        assertStored(3, 1);
    }

    @Test
    void aRotatedPngOverTheLimitIsRefusedBeforeAnythingDecodesIt() throws Exception {
        harness(10_000);
        Counting hook = new Counting(realProvenance());
        harness.pipeline.setProvenance(hook);
        byte[] rotated = Pngs.withExifOrientation(png(200, 100), 6);
        ImagesException e = refused(rotated, "image/png");
        assertEquals("image_too_large", e.code());
        assertEquals(0, hook.sanitized.get(), "the hook (which decodes to apply the orientation) was never called");
        assertNothingStored();
    }

    @Test
    void aRotatedPngWithinTheLimitIsStoredUpright() throws Exception {
        harness(RenditionPipeline.Settings.DEFAULTS.maxPixels());
        Counting hook = new Counting(realProvenance());
        harness.pipeline.setProvenance(hook);
        Embed embed = harness.embeds.upload("u1", Pngs.withExifOrientation(png(200, 100), 6), "image/png", null);
        assertEquals(1, hook.sanitized.get());
        EmbedFacts facts = harness.embeds.facts("u1", embed.embedId());
        assertEquals(100, facts.width(), "orientation 6 turns the picture a quarter");
        assertEquals(200, facts.height());
        assertFalse(facts.aiGenerated());
        assertEquals(Map.of(), harness.embeds.content("u1", embed.embedId()).get("provenance"),
                "a plain upload: the writer wrote no manifest and no AI labels, and the content says so");
    }

    private ProvenanceHook realProvenance() {
        SigningIdentity identity = new SigningIdentity(Configs.of(SigningIdentity.Config.class,
                Map.of("directory", dir.resolve("identity").toString())));
        return new AiProvenance(Configs.of(AiProvenance.Config.class, Map.of()), identity);
    }

    /** Delegates to a real hook and counts what reached it. */
    private static final class Counting implements ProvenanceHook {
        final AtomicInteger sanitized = new AtomicInteger();
        private final ProvenanceHook delegate;

        Counting(ProvenanceHook delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] sanitize(byte[] encoded, String mediaType) {
            sanitized.incrementAndGet();
            return delegate.sanitize(encoded, mediaType);
        }

        @Override
        public byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
            return delegate.label(rendition, format, source, info);
        }
    }
}
