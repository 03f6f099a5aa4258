package io.karafimages.provider.recraft.internal;

import static io.karafimages.provider.recraft.internal.TestImages.SOURCE;
import static io.karafimages.provider.recraft.internal.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.testsupport.providers.RecraftDrawing;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;

/** The six operations of V3, variate and erase against the simulator: what is sent, and what comes back. */
class RecraftImageProviderTest extends RecraftSimulatorFixture {
    private static final String V3 = RecraftImageProvider.MODEL_V3;

    @Test
    void inpaintSendsImageMaskPromptAndV3AndPaintsOnlyTheMask() {
        SourceImage source = TestImages.source(512, 384);
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.INPAINT, V3, source).prompt(" a red balloon ")
                .seed(42L).maskPng(TestImages.rectMask(512, 384, 100, 100, 200, 100)).build());

        Call call = only("inpaint");
        assertEquals(Map.of("prompt", "a red balloon", "model", "recraftv3", "n", "1", "random_seed", "42",
                "response_format", "b64_json", "image_format", "png"), call.fields());
        assertArrayEquals(source.data(), call.image().data(), "a source within the limits goes out unchanged");
        assertEquals("image/png", call.image().contentType());
        assertEquals(512, call.mask().orElseThrow().width());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(512, result.getWidth());
        assertEquals(384, result.getHeight());
        assertTrue(near(result.getRGB(200, 150), RecraftDrawing.INPAINT, 0));
        assertTrue(near(result.getRGB(99, 150), SOURCE, 0));
        assertTrue(near(result.getRGB(300, 150), SOURCE, 0));
        assertEquals("image/png", image.mediaType());
        assertEquals(V3, image.modelId());
        assertEquals(List.of(), sim.problems());
        assertGrowingToOne();
    }

    @Test
    void replaceBackgroundSendsNoMask() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.REPLACE_BACKGROUND, V3,
                TestImages.source(400, 300)).prompt("a beach at dusk").build());

        Call call = only("replaceBackground");
        assertEquals(Map.of("prompt", "a beach at dusk", "model", "recraftv3", "n", "1", "response_format",
                "b64_json", "image_format", "png"), call.fields());
        assertTrue(call.mask().isEmpty());
        BufferedImage result = TestImages.decode(image.data());
        assertTrue(near(result.getRGB(2, 2), RecraftDrawing.FRAME, 0));
        assertTrue(near(result.getRGB(200, 150), SOURCE, 0));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void generateBackgroundSendsTheBackgroundMaskAndTheConfiguredPromptWhenNoneIsGiven() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.GENERATE_BACKGROUND, V3,
                TestImages.source(300, 300)).maskPng(TestImages.rectMask(300, 300, 0, 0, 300, 100)).build());

        Call call = only("generateBackground");
        assertEquals("A calm studio background", call.fields().get("prompt"));
        assertEquals("recraftv3", call.fields().get("model"));
        BufferedImage result = TestImages.decode(image.data());
        assertTrue(near(result.getRGB(150, 50), RecraftDrawing.BACKGROUND, 0));
        assertTrue(near(result.getRGB(150, 200), SOURCE, 0));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void generateBackgroundWithoutAMaskIsRefusedBeforeAnyCall() {
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.GENERATE_BACKGROUND, V3, TestImages.source(300, 300)).prompt("a forest").build()));
        assertEquals("mask_required", e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void imageToImageSendsStrengthAndBlendsByIt() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, V3,
                TestImages.source(256, 256)).prompt("as a watercolour").strength(0.25).build());

        Call call = only("imageToImage");
        assertEquals(Map.of("prompt", "as a watercolour", "strength", "0.25", "model", "recraftv3", "n", "1",
                "response_format", "b64_json", "image_format", "png"), call.fields());
        Color blended = new Color(TestImages.decode(image.data()).getRGB(128, 128));
        int expectedRed = Math.round(SOURCE.getRed() * 0.75f + RecraftDrawing.I2I.getRed() * 0.25f);
        assertEquals(expectedRed, blended.getRed(), 2);
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void imageToImageDefaultsToHalfStrengthAndRefusesOutOfRange() {
        edit(EditRequest.builder(ImageOperation.IMAGE_TO_IMAGE, V3, TestImages.source(256, 256)).prompt("x").build());
        assertEquals("0.5", only("imageToImage").fields().get("strength"));

        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.IMAGE_TO_IMAGE, V3, TestImages.source(256, 256)).prompt("x").strength(1.5).build()));
        assertEquals("invalid_strength", e.code());
        assertEquals(1, sim.totalCalls());
    }

    @Test
    void eraseRegionSendsOnlyImageAndMaskAndReadsTheProcessAnswer() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.ERASE_REGION,
                RecraftImageProvider.MODEL_ERASE, TestImages.source(400, 400))
                .maskPng(TestImages.rectMask(400, 400, 50, 50, 100, 100)).prompt("ignored").seed(3L).build());

        Call call = only("eraseRegion");
        assertEquals(Map.of("response_format", "b64_json", "image_format", "png"), call.fields());
        BufferedImage result = TestImages.decode(image.data());
        assertTrue(near(result.getRGB(100, 100), RecraftDrawing.ERASED, 0));
        assertTrue(near(result.getRGB(300, 300), SOURCE, 0));
        assertEquals(RecraftImageProvider.MODEL_ERASE, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void variateAsksForTheNearestRecraftSizeAndKeepsIt() {
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.VARIATE, RecraftImageProvider.MODEL_VARIATE,
                TestImages.source(600, 400)).seed(-1L).build());

        Call call = only("variateImage");
        assertEquals(Map.of("size", "1536x1024", "n", "1", "random_seed", "4294967295", "response_format",
                "b64_json", "image_format", "png"), call.fields());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(1536, result.getWidth());
        assertEquals(1024, result.getHeight());
        Color inverted = new Color(255 - SOURCE.getRed(), 255 - SOURCE.getGreen(), 255 - SOURCE.getBlue());
        assertTrue(near(result.getRGB(700, 500), inverted, 1));
        assertEquals(RecraftImageProvider.MODEL_VARIATE, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void modelsAreTheSevenEditingModelsAndTheStyleModelAtTheConfiguredPrices() {
        assertEquals("recraft", provider.id());
        List<ModelInfo> models = provider.models();
        assertEquals(List.of(V3, RecraftImageProvider.MODEL_VARIATE, RecraftImageProvider.MODEL_ERASE,
                "recraft/crisp-upscale", "recraft/creative-upscale", "recraft/remove-background", "recraft/vectorize",
                "recraft/recraftv3-styles"), models.stream().map(ModelInfo::id).toList());
        assertEquals(Set.of(ImageOperation.INPAINT, ImageOperation.REPLACE_BACKGROUND,
                ImageOperation.GENERATE_BACKGROUND, ImageOperation.IMAGE_TO_IMAGE), models.get(0).operations());
        assertEquals(List.of(Set.of(ImageOperation.VARIATE), Set.of(ImageOperation.ERASE_REGION),
                Set.of(ImageOperation.UPSCALE_CRISP), Set.of(ImageOperation.UPSCALE_CREATIVE),
                Set.of(ImageOperation.REMOVE_BACKGROUND), Set.of(ImageOperation.VECTORIZE),
                Set.of(ImageOperation.CREATE_STYLE)), models.subList(1, 8).stream().map(ModelInfo::operations).toList());
        assertEquals(List.of("Recraft V3", "Recraft V3 variate", "Recraft erase region", "Recraft crisp upscale",
                "Recraft creative upscale", "Recraft remove background", "Recraft vectorize", "Recraft V3 styles"),
                models.stream().map(ModelInfo::displayName).toList());
        assertEquals(List.of(40L, 40L, 2L, 4L, 250L, 10L, 10L, 50L), models.stream().map(m -> m.costPerImage().credits())
                .toList());
        assertTrue(models.stream().allMatch(m -> m.tier() == ModelTier.QUALITY));
        assertFalse(models.stream().anyMatch(m -> m.supports(ImageOperation.GENERATE)));
    }

    @Test
    void generateWithoutAStyleIsNotOffered() {
        for (String model : new String[] {V3, RecraftImageProvider.MODEL_STYLES, null}) {
            ImagesException e = assertThrows(ImagesException.class, () -> provider.generate(
                    ImageRequest.builder(model, "a fox").build(), (f, m) -> { }, () -> false));
            assertEquals("operation_not_supported", e.code());
            assertEquals(400, e.httpStatus());
            assertFalse(e.retryable());
        }
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void anOperationTheNamedModelCannotDoIsRefusedBeforeAnyCall() {
        SourceImage source = TestImages.source(300, 300);
        for (EditRequest request : List.of(EditRequest.builder(ImageOperation.VARIATE, V3, source).build(),
                EditRequest.builder(ImageOperation.INPAINT, RecraftImageProvider.MODEL_ERASE, source)
                        .maskPng(TestImages.rectMask(300, 300, 0, 0, 10, 10)).prompt("x").build(),
                EditRequest.builder(ImageOperation.GENERATE, V3, source).prompt("x").build(),
                EditRequest.builder(ImageOperation.UPSCALE_CRISP, RecraftImageProvider.MODEL_CREATIVE_UPSCALE, source)
                        .build(),
                EditRequest.builder(ImageOperation.REMOVE_BACKGROUND, V3, source).build(),
                EditRequest.builder(ImageOperation.INPAINT, "recraft/recraftv3_vector", source).prompt("x").build())) {
            ImagesException e = assertThrows(ImagesException.class, () -> edit(request));
            assertEquals("operation_not_supported", e.code(), request.operation() + " " + request.model());
        }
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void promptsAreRequiredAndAtMostAThousandBytes() {
        SourceImage source = TestImages.source(300, 300);
        byte[] mask = TestImages.rectMask(300, 300, 0, 0, 50, 50);
        ImagesException missing = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.INPAINT, V3, source).maskPng(mask).prompt("  ").build()));
        assertEquals("prompt_required", missing.code());
        ImagesException tooLong = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.REPLACE_BACKGROUND, V3, source).prompt("é".repeat(501)).build()));
        assertEquals("prompt_too_long", tooLong.code());
        assertEquals(0, sim.totalCalls());
    }

    private Call only(String endpoint) {
        assertEquals(1, sim.calls(endpoint), endpoint + " calls");
        List<Call> calls = sim.calls().stream().filter(c -> c.endpoint().equals(endpoint)).toList();
        return calls.get(calls.size() - 1);
    }

    private void assertGrowingToOne() {
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }
}
