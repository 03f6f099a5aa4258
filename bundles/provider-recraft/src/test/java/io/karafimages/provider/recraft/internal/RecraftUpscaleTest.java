package io.karafimages.provider.recraft.internal;

import static io.karafimages.provider.recraft.internal.TestImages.SOURCE;
import static io.karafimages.provider.recraft.internal.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.testsupport.providers.RecraftDrawing;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;

/**
 * Crisp and creative upscale against the simulator, which enlarges 2x and marks the top-left corner (an eighth of
 * the short side): what is sent, the result at exactly the source times the asked scale, and the limits checked
 * before any call (an upscale's source is never shrunk).
 */
class RecraftUpscaleTest extends RecraftSimulatorFixture {
    private static final String CRISP = RecraftImageProvider.MODEL_CRISP_UPSCALE;
    private static final String CREATIVE = RecraftImageProvider.MODEL_CREATIVE_UPSCALE;

    private GeneratedImage upscale(ImageOperation operation, String model, SourceImage source, Integer scale) {
        return edit(EditRequest.builder(operation, model, source).scale(scale).prompt("ignored").seed(5L).build());
    }

    @Test
    void crispUpscaleSendsOnlyTheImageAndKeepsRecraftsResultWhenItIsTheAskedSize() {
        SourceImage source = TestImages.source(300, 200);
        GeneratedImage image = upscale(ImageOperation.UPSCALE_CRISP, CRISP, source, null);

        Call call = only("crispUpscale");
        assertEquals(Map.of("response_format", "b64_json", "image_format", "png"), call.fields());
        assertArrayEquals(source.data(), call.image().data(), "a source within the limits goes out unchanged");
        assertTrue(call.mask().isEmpty());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(600, result.getWidth(), "2x when no scale is asked for");
        assertEquals(400, result.getHeight());
        assertTrue(near(result.getRGB(20, 20), RecraftDrawing.CRISP, 0), "the simulator's mark, untouched");
        assertTrue(near(result.getRGB(300, 200), SOURCE, 0));
        assertEquals("image/png", image.mediaType());
        assertEquals(CRISP, image.modelId());
        assertEquals(List.of(), sim.problems());
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void crispUpscaleAskedForFourIsResampledToExactlyFourTimesTheSource() {
        GeneratedImage image = upscale(ImageOperation.UPSCALE_CRISP, CRISP, TestImages.source(300, 200), 4);

        BufferedImage result = TestImages.decode(image.data());
        assertEquals(1200, result.getWidth());
        assertEquals(800, result.getHeight());
        // the mark: 25 source px, 50 in Recraft's 2x answer, 100 after resampling to 4x
        assertTrue(near(result.getRGB(50, 50), RecraftDrawing.CRISP, 2));
        assertTrue(near(result.getRGB(94, 50), RecraftDrawing.CRISP, 40), "mark edge within a few px");
        assertTrue(near(result.getRGB(106, 50), SOURCE, 40), "mark edge within a few px");
        assertTrue(near(result.getRGB(600, 400), SOURCE, 2));
        assertTrue(near(result.getRGB(1199, 799), SOURCE, 2));
        assertEquals("image/png", image.mediaType());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void crispUpscaleTakesImagesFrom32Px() {
        GeneratedImage image = upscale(ImageOperation.UPSCALE_CRISP, CRISP, TestImages.source(40, 32), 4);

        assertEquals(40, only("crispUpscale").image().width());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(160, result.getWidth());
        assertEquals(128, result.getHeight());
        assertEquals(List.of(), sim.problems());
    }

    @ParameterizedTest
    @CsvSource({"2, 514, 602", "4, 1028, 1204"})
    void creativeUpscaleReturnsExactlyTheAskedScale(int scale, int width, int height) {
        SourceImage source = TestImages.source(257, 301);
        GeneratedImage image = upscale(ImageOperation.UPSCALE_CREATIVE, CREATIVE, source, scale);

        Call call = only("creativeUpscale");
        assertEquals(Map.of("response_format", "b64_json", "image_format", "png"), call.fields());
        assertArrayEquals(source.data(), call.image().data());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(width, result.getWidth());
        assertEquals(height, result.getHeight());
        assertTrue(near(result.getRGB(scale * 10, scale * 10), RecraftDrawing.CREATIVE, 2));
        assertTrue(near(result.getRGB(width / 2, height / 2), SOURCE, 2));
        assertEquals(CREATIVE, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aScaleOtherThanTwoOrFourIsRefusedBeforeAnyCall() {
        for (int scale : new int[] {1, 3, 8}) {
            ImagesException e = assertThrows(ImagesException.class, () -> upscale(ImageOperation.UPSCALE_CRISP,
                    CRISP, TestImages.source(300, 300), scale));
            assertEquals("invalid_scale", e.code());
            assertEquals(400, e.httpStatus());
        }
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void aTooSmallImageIsRefusedBeforeAnyCallWithTheEndpointsMinimum() {
        ImagesException creative = assertThrows(ImagesException.class, () -> upscale(
                ImageOperation.UPSCALE_CREATIVE, CREATIVE, TestImages.source(20, 20), 2));
        assertEquals("image_too_small", creative.code());
        assertEquals(400, creative.httpStatus());
        assertTrue(creative.getMessage().contains("256 px"), creative.getMessage());
        ImagesException crisp = assertThrows(ImagesException.class, () -> upscale(
                ImageOperation.UPSCALE_CRISP, CRISP, TestImages.source(31, 300), 2));
        assertEquals("image_too_small", crisp.code());
        assertTrue(crisp.getMessage().contains("32 px"), crisp.getMessage());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void aTooLargeImageIsRefusedNotShrunkBeforeAnyCall() {
        ImagesException side = assertThrows(ImagesException.class, () -> upscale(ImageOperation.UPSCALE_CRISP,
                CRISP, TestImages.source(5000, 1000), 2));
        assertEquals("image_too_large", side.code());
        assertEquals(400, side.httpStatus());
        assertTrue(side.getMessage().contains("5000x1000") && side.getMessage().contains("4096 px"),
                side.getMessage());
        ImagesException pixels = assertThrows(ImagesException.class, () -> upscale(ImageOperation.UPSCALE_CREATIVE,
                CREATIVE, TestImages.source(4096, 4000), 2));
        assertEquals("image_too_large", pixels.code());
        assertTrue(pixels.getMessage().contains("16 MP"), pixels.getMessage());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void aFileOverTenMegabytesThatOnlyShrinkingWouldFixIsRefused() {
        byte[] noise = TestImages.noiseArgbPng(1700, 1700); // alpha: no JPEG; PNG stays over 10 MB at this size
        assertTrue(noise.length >= 10_000_000, "the test image must be over the limit");
        ImagesException e = assertThrows(ImagesException.class, () -> upscale(ImageOperation.UPSCALE_CRISP, CRISP,
                SourceImage.of(noise, "image/png", 1700, 1700), 2));
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().contains("10 MB"), e.getMessage());
        assertEquals(0, sim.totalCalls());
    }

    private Call only(String endpoint) {
        assertEquals(1, sim.calls(endpoint), endpoint + " calls");
        return sim.calls().stream().filter(c -> c.endpoint().equals(endpoint)).findFirst().orElseThrow();
    }
}
