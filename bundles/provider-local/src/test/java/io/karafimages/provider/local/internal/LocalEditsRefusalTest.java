package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testsupport.BombPngs;

class LocalEditsRefusalTest {
    private static final int W = 320;
    private static final int H = 240;

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);
    private final byte[] source = TestImages.rgbPng(W, H, (x, y) -> (x * 3) << 16 | (y * 2) << 8 | 0x40);
    private final byte[] mask = TestImages.grayPng(W, H, (x, y) -> x > 100 && x < 220 && y > 60 && y < 180 ? 255 : 0);

    private ImagesException refusal(EditRequest request) {
        return assertThrows(ImagesException.class, () -> provider.edit(request, (f, m) -> { }, () -> false));
    }

    @Test
    void offersTheGenerationModelsAndOneFreeQualityModelPerEditOperation() {
        List<ModelInfo> models = provider.models();
        assertTrue(models.stream().anyMatch(m -> m.id().equals("local/procedural-v1") && m.tier() == ModelTier.QUALITY
                && m.operations().equals(Set.of(ImageOperation.GENERATE))));
        assertTrue(models.stream().anyMatch(m -> m.id().equals("local/procedural-draft-v1")
                && m.tier() == ModelTier.DRAFT && m.operations().equals(Set.of(ImageOperation.GENERATE))));
        for (ImageOperation op : EnumSet.complementOf(EnumSet.of(ImageOperation.GENERATE))) {
            List<ModelInfo> doing = models.stream().filter(m -> m.supports(op)).collect(Collectors.toList());
            assertEquals(1, doing.size(), op + ": " + doing);
            ModelInfo model = doing.get(0);
            assertEquals(ModelTier.QUALITY, model.tier());
            assertEquals(Cost.FREE, model.costPerImage());
            assertTrue(model.id().startsWith("local/") && !model.displayName().equals(model.id()), model.id());
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageOperation.class, names = { "ERASE_REGION", "INPAINT" })
    void aMissingMaskIsMaskRequired(ImageOperation op) {
        String model = op == ImageOperation.INPAINT ? LocalEdits.INPAINT_MODEL : LocalEdits.ERASE_MODEL;
        ImagesException e = refusal(TestImages.request(op, model, source, W, H).prompt("sky").build());
        assertEquals("mask_required", e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void aMaskOfAnotherSizeIsRefused() {
        byte[] small = TestImages.grayPng(W / 2, H / 2, (x, y) -> 255);
        assertEquals("mask_size_mismatch", refusal(TestImages.request(ImageOperation.ERASE_REGION,
                LocalEdits.ERASE_MODEL, source, W, H).maskPng(small).build()).code());
    }

    /** A small PNG that decodes to 81 megapixels (243 MB) is refused from its header; ImageIO.read decoded it. */
    @Test
    void aDecompressionBombSourceIsRefusedBeforeItIsDecoded() {
        byte[] bomb = BombPngs.black(9000);
        assertTrue(bomb.length < 1_000_000, "small on the wire: " + bomb.length);
        ImagesException e = refusal(TestImages.request(ImageOperation.VARIATE, LocalEdits.VARIATE_MODEL, bomb, 9000,
                9000).build());
        assertEquals("image_too_large", e.code());
        assertEquals(400, e.httpStatus());
    }

    /**
     * A mask is measured by its header before it is decoded: a 12000x12000 bomb cut after 4 KB is refused for its
     * size (decoding it first, as ImageIO.read did, fails on the cut data: {@code invalid_mask}).
     */
    @Test
    void aDecompressionBombMaskIsRefusedFromItsHeader() {
        byte[] headerOnly = java.util.Arrays.copyOf(BombPngs.black(12000), 4096);
        assertEquals("mask_size_mismatch", refusal(TestImages.request(ImageOperation.ERASE_REGION,
                LocalEdits.ERASE_MODEL, source, W, H).maskPng(headerOnly).build()).code());
    }

    @Test
    void undecodableSourcesAreUnsupported() {
        byte[] garbage = "RIFF....WEBPVP8 not really an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        EditRequest request = EditRequest.builder(ImageOperation.VARIATE, LocalEdits.VARIATE_MODEL,
                EditRequest.SourceImage.of(garbage, "image/webp", W, H)).build();
        assertEquals("unsupported_image", refusal(request).code());
    }

    @Test
    void aPromptedOperationWithoutPromptIsRefused() {
        assertEquals("prompt_required", refusal(TestImages.request(ImageOperation.REPLACE_BACKGROUND,
                LocalEdits.REPLACE_BACKGROUND_MODEL, source, W, H).build()).code());
    }

    @Test
    void aModelThatDoesNotDoTheOperationIsRefused() {
        assertEquals("operation_not_supported", refusal(TestImages.request(ImageOperation.INPAINT,
                LocalEdits.ERASE_MODEL, source, W, H).maskPng(mask).prompt("sky").build()).code());
        assertEquals("operation_not_supported", refusal(TestImages.request(ImageOperation.GENERATE,
                LocalImageProvider.QUALITY_MODEL, source, W, H).prompt("sky").build()).code());
    }

    @Test
    void aCancelledEditStopsBeforeWorking() {
        EditRequest request = TestImages.request(ImageOperation.ERASE_REGION, LocalEdits.ERASE_MODEL, source, W, H)
                .maskPng(mask).build();
        assertThrows(TaskCancelledException.class, () -> provider.edit(request, (f, m) -> { }, () -> true));
    }

    @ParameterizedTest
    @EnumSource(value = ImageOperation.class, names = { "GENERATE", "CREATE_STYLE" },
            mode = EnumSource.Mode.EXCLUDE) // a style is not an edit: LocalStyleTest cancels its own
    void cancellingDuringTheWorkStopsIt(ImageOperation op) {
        String model = provider.models().stream().filter(m -> m.supports(op)).findFirst().orElseThrow().id();
        EditRequest request = TestImages.request(op, model, source, W, H).maskPng(mask).prompt("a red sky").build();
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Double> afterCancel = new java.util.concurrent.CopyOnWriteArrayList<>();

        assertThrows(TaskCancelledException.class, () -> provider.edit(request, (fraction, message) -> {
            if (cancelled.get()) {
                afterCancel.add(fraction);
            }
            if (fraction > 0.1) {
                cancelled.set(true); // the owner cancels once work is under way
            }
        }, cancelled::get));
        assertTrue(afterCancel.isEmpty(), "progress reported after cancellation: " + afterCancel);
    }
}
