package io.karafimages.provider.recraft.internal;

import static io.karafimages.provider.recraft.internal.TestImages.SOURCE;
import static io.karafimages.provider.recraft.internal.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;

/**
 * Remove background against the simulator, which makes the light pixels joined to the border transparent: what is
 * sent, and an RGBA PNG at the source's size, its alpha kept when it has to be scaled back.
 */
class RecraftRemoveBackgroundTest extends RecraftSimulatorFixture {
    private static final String MODEL = RecraftImageProvider.MODEL_REMOVE_BACKGROUND;

    private GeneratedImage removeBackground(SourceImage source) {
        return edit(EditRequest.builder(ImageOperation.REMOVE_BACKGROUND, MODEL, source).prompt("ignored").seed(1L)
                .build());
    }

    @Test
    void sendsOnlyTheImageAndReturnsAnRgbaPngAtTheSourceSize() {
        SourceImage source = SourceImage.of(TestImages.subjectPng(400, 300), "image/png", 400, 300);
        GeneratedImage image = removeBackground(source);

        assertEquals(1, sim.calls("removeBackground"));
        Call call = sim.calls().get(0);
        assertEquals(Map.of("response_format", "b64_json", "image_format", "png"), call.fields());
        assertArrayEquals(source.data(), call.image().data());
        assertEquals("image/png", image.mediaType());
        assertTrue(RecraftImages.pngHasAlpha(image.data()), "an alpha channel in the PNG itself");
        BufferedImage result = TestImages.decode(image.data());
        assertTrue(result.getColorModel().hasAlpha());
        assertEquals(400, result.getWidth());
        assertEquals(300, result.getHeight());
        assertEquals(0, alpha(result, 5, 5), "the background is transparent");
        assertEquals(0, alpha(result, 399, 150));
        assertEquals(255, alpha(result, 110, 150), "the subject is opaque");
        assertTrue(near(result.getRGB(110, 150), SOURCE, 0));
        assertEquals(255, alpha(result, 200, 150), "the light hole inside the subject stays");
        assertEquals(MODEL, image.modelId());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aTooLargeImageIsScaledToFitAndTheCutOutComesBackAtTheSourceSizeWithCleanEdges() {
        SourceImage source = SourceImage.of(TestImages.subjectPng(4500, 1000), "image/png", 4500, 1000);
        GeneratedImage image = removeBackground(source);

        Call call = sim.calls().get(0);
        assertEquals(4096, call.image().width());
        assertEquals(910, call.image().height());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(4500, result.getWidth());
        assertEquals(1000, result.getHeight());
        assertTrue(result.getColorModel().hasAlpha());
        assertEquals(0, alpha(result, 100, 100));
        assertEquals(0, alpha(result, 4400, 900));
        assertEquals(255, alpha(result, 1500, 500));
        assertTrue(near(result.getRGB(1500, 500), SOURCE, 2));
        // across the subject's left edge (x = 1125) every pixel that is at all visible keeps the subject's colour:
        // scaling weighted by alpha, so the transparent black around it does not darken the edge
        for (int x = 1115; x < 1135; x++) {
            int argb = result.getRGB(x, 500);
            if (argb >>> 24 >= 16) {
                assertTrue(near(argb, SOURCE, 24), "x=" + x + ": " + new Color(argb, true));
            }
        }
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aTooSmallImageIsRefusedBeforeAnyCall() {
        ImagesException e = assertThrows(ImagesException.class, () -> removeBackground(TestImages.source(255, 400)));
        assertEquals("image_too_small", e.code());
        assertEquals(0, sim.totalCalls());
    }

    private static int alpha(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) >>> 24;
    }
}
