package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;
import okhttp3.HttpUrl;

/**
 * The settings, the limits arithmetic, the variate size choice, the upscale factor, the PNG alpha check, scaling with
 * alpha and the error-body reading, without a server.
 */
class RecraftHelpersTest {
    private static final HttpUrl BASE = HttpUrl.get("https://external.api.recraft.ai/v1/");
    private static final RecraftSettings.Prices FREE = new RecraftSettings.Prices(0, 0, 0, 0, 0, 0, 0, 0);

    private static RecraftSettings settings(String key, HttpUrl base, double eraseCost) {
        return new RecraftSettings(key, base, Duration.ofSeconds(120), Duration.ofSeconds(10),
                new RecraftSettings.Prices(0.04, eraseCost, 0.04, 0.004, 0.25, 0.01, 0.01, 0.04), "A background");
    }

    @Test
    void aMissingOrUnresolvedTokenStopsActivationNamingTheKey() {
        for (String key : new String[] {null, " ", "$[env:RECRAFT_API_KEY]"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings(key, BASE, 0.002));
            assertTrue(e.getMessage().contains(".api.key"), e.getMessage());
        }
    }

    @Test
    void badValuesStopActivationNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("k", null, 0.002)).getMessage()
                .contains("base.url"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("k", BASE, -1)).getMessage()
                .contains("cost.erase.region.usd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecraftSettings("k", BASE,
                Duration.ZERO, Duration.ofSeconds(1), FREE, "p")).getMessage().contains("timeout.seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecraftSettings("k", BASE,
                Duration.ofSeconds(1), Duration.ofSeconds(1), FREE, "x".repeat(1001))).getMessage()
                .contains("generate.background.prompt"));
    }

    @ParameterizedTest
    @CsvSource({"0, cost.recraftv3.usd", "1, cost.erase.region.usd", "2, cost.variate.usd",
        "3, cost.crisp.upscale.usd", "4, cost.creative.upscale.usd", "5, cost.remove.background.usd",
        "6, cost.vectorize.usd", "7, cost.create.style.usd"})
    void aNegativePriceStopsActivationNamingItsKey(int index, String key) {
        double[] usd = {0.04, 0.002, 0.04, 0.004, 0.25, 0.01, 0.01, 0.04};
        usd[index] = -0.01;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecraftSettings.Prices(
                usd[0], usd[1], usd[2], usd[3], usd[4], usd[5], usd[6], usd[7]));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void endpointsHangBelowTheBaseUrlAndTheTokenIsNeverPrinted() {
        RecraftSettings s = settings("secret-token", BASE, 0.002);
        assertEquals("https://external.api.recraft.ai/v1/images/inpaint", s.endpoint("images/inpaint").toString());
        assertFalse(s.toString().contains("secret-token"));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000, 1000, 1000", "4096, 4096, 4000, 4000", "5000, 3000, 4096, 2457", "4500, 1000, 4096, 910",
        "256, 4096, 256, 4096"})
    void fitKeepsTheRatioWithinTheLimits(int w, int h, int fw, int fh) {
        assertArrayEquals(new int[] {fw, fh}, RecraftLimits.fit(w, h));
    }

    @ParameterizedTest
    @CsvSource({"255, 1000", "1000, 255", "5000, 300"})
    void fitRefusesWhatCannotReachTheMinimumSide(int w, int h) {
        assertEquals("image_too_small", assertThrows(ImagesException.class, () -> RecraftLimits.fit(w, h)).code());
    }

    @ParameterizedTest
    @CsvSource({"100, 80, 100, 80", "8000, 1500, 8000, 1500", "5000, 4000, 4472, 3577", "20000, 1000, 17888, 894",
        "1, 1, 1, 1"})
    void vectorizeFitsOnlyTheSixteenMegapixels(int w, int h, int fw, int fh) {
        RecraftEndpoint v = RecraftEndpoint.VECTORIZE;
        int[] fitted = RecraftLimits.fit(w, h, v.minSide(), v.maxSide());
        assertArrayEquals(new int[] {fw, fh}, fitted);
        assertTrue((long) fitted[0] * fitted[1] <= RecraftLimits.MAX_PIXELS);
    }

    @ParameterizedTest
    @CsvSource({"32, 32, 32, ''", "4096, 3906, 32, ''", "256, 4096, 256, ''", "31, 100, 32, image_too_small",
        "255, 300, 256, image_too_small", "4097, 300, 32, image_too_large", "4096, 3907, 256, image_too_large"})
    void anUpscaleSourceIsCheckedNeverFitted(int w, int h, int minSide, String code) {
        if (code.isEmpty()) {
            RecraftLimits.requireWithin(w, h, minSide, "crisp upscale");
        } else {
            assertEquals(code, assertThrows(ImagesException.class, () -> RecraftLimits.requireWithin(w, h, minSide,
                    "crisp upscale")).code());
        }
    }

    @Test
    void anUpscaleIsTwiceUnlessFourIsAskedFor() {
        EditRequest.Builder b = EditRequest.builder(ImageOperation.UPSCALE_CRISP, "m", TestImages.source(40, 40));
        assertEquals(2, RecraftEndpoint.scale(b.build()));
        assertEquals(2, RecraftEndpoint.scale(b.scale(2).build()));
        assertEquals(4, RecraftEndpoint.scale(b.scale(4).build()));
        assertEquals("invalid_scale", assertThrows(ImagesException.class, () -> RecraftEndpoint.scale(
                b.scale(3).build())).code());
    }

    @Test
    void thePngAlphaCheckReadsTheColourTypeAndTransparencyChunk() {
        assertFalse(RecraftImages.pngHasAlpha(TestImages.png(40, 40)), "RGB");
        BufferedImage argb = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        assertTrue(RecraftImages.pngHasAlpha(TestImages.encode(argb, "png")), "RGBA");
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {0, 0}, 0); // index 0 transparent: written as a tRNS chunk
        BufferedImage indexed = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED, palette);
        assertTrue(RecraftImages.pngHasAlpha(TestImages.encode(indexed, "png")), "palette with tRNS");
        assertFalse(RecraftImages.pngHasAlpha(TestImages.rectMask(40, 40, 0, 0, 5, 5)), "grey");
        assertFalse(RecraftImages.pngHasAlpha(TestImages.encode(argbToRgb(argb), "jpeg")), "JPEG");
        assertFalse(RecraftImages.pngHasAlpha(new byte[] {(byte) 0x89, 'P', 'N', 'G'}), "truncated");
    }

    @Test
    void scalingAnImageWithAlphaWeighsColoursByIt() {
        BufferedImage cut = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 20; x < 40; x++) {
                cut.setRGB(x, y, 0xff000000 | TestImages.SOURCE.getRGB());
            }
        }
        for (BufferedImage scaled : new BufferedImage[] {RecraftImages.resize(cut, 30, 30),
            RecraftImages.resample(cut, 100, 100)}) {
            assertEquals(BufferedImage.TYPE_INT_ARGB, scaled.getType());
            int edge = 0;
            for (int x = 0; x < scaled.getWidth(); x++) {
                int argb = scaled.getRGB(x, scaled.getHeight() / 2);
                if (argb >>> 24 >= 16 && argb >>> 24 < 240) {
                    edge++;
                    assertTrue(TestImages.near(argb, TestImages.SOURCE, 24), x + ": " + Integer.toHexString(argb));
                }
            }
            assertTrue(edge > 0, "the edge has partly transparent pixels");
        }
    }

    private static BufferedImage argbToRgb(BufferedImage argb) {
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        return rgb;
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000, 1024x1024", "600, 400, 1536x1024", "400, 1000, 1024x2048", "1920, 1080, 1820x1024",
        "1024, 1280, 1024x1280", "3000, 2000, 1536x1024"})
    void variatePicksTheRecraftSizeNearestTheRatio(int w, int h, String size) {
        assertEquals(size, RecraftEndpoint.nearestSize(w, h));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"code\":\"invalid_mask\",\"message\":\"Mask must be binary\"}|Mask must be binary (invalid_mask)",
        "{\"error\":{\"message\":\"Bad size\"}}|Bad size",
        "{\"detail\":\"Image too large\"}|Image too large",
        "{\"code\":\"bad_thing\"}|bad_thing",
        "<html>Bad Gateway</html>|''"})
    void errorBodiesAreReadWhateverTheirShape(String body, String message) {
        assertEquals(message, RecraftFailures.message(body));
    }

    @Test
    void aRefusalOrAnEmptyBalanceIsRecognisedInA400Message() {
        ImagesException nsfw = RecraftFailures.fromStatus(400, "{\"message\":\"NSFW content detected\"}",
                java.util.Optional.empty(), "k");
        assertEquals("provider_refused", nsfw.code());
        assertTrue(nsfw.getMessage().contains("content policy"));
        ImagesException units = RecraftFailures.fromStatus(400, "{\"code\":\"not_enough_credits\"}",
                java.util.Optional.empty(), "k");
        assertEquals("provider_unavailable", units.code());
        assertFalse(units.retryable());
    }
}
