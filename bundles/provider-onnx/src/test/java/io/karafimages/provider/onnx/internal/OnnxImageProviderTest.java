package io.karafimages.provider.onnx.internal;

import io.karafimages.testsupport.onnx.TinyOnnxModels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;

class OnnxImageProviderTest {
    private static final int W = 240;
    private static final int H = 180;
    private static final int SUBJECT = 0xf0e8e0;
    private static final int BACKDROP = 0x141418;

    @TempDir
    Path dir;
    private OnnxImageProvider provider;

    @BeforeEach
    void start() throws IOException {
        Path model = Files.write(dir.resolve("tiny.onnx"), TinyOnnxModels.brightness(3f, -1));
        provider = new OnnxImageProvider(OnnxSettings.from(TestConfig.of(model)));
    }

    @AfterEach
    void stop() {
        provider.deactivate();
    }

    /** A bright disc of radius 50 on a dark backdrop, off centre so a flipped map would show. */
    private static int scene(int x, int y) {
        return Math.hypot(x + 0.5 - 100, y + 0.5 - 90) <= 50 ? SUBJECT : BACKDROP;
    }

    private GeneratedImage removeBackground(byte[] png) {
        return provider.edit(TestPictures.request(ImageOperation.REMOVE_BACKGROUND, OnnxImageProvider.MODEL_ID, png,
                W, H), (f, m) -> { }, () -> false);
    }

    @Test
    void aBrightSubjectOnADarkBackdropKeepsItsPixelsAndLosesTheBackdrop() {
        GeneratedImage out = removeBackground(TestPictures.png(W, H, false, OnnxImageProviderTest::scene));

        assertEquals("image/png", out.mediaType());
        assertEquals(OnnxImageProvider.MODEL_ID, out.modelId());
        BufferedImage result = TestPictures.read(out.data());
        assertEquals(W, result.getWidth());
        assertEquals(H, result.getHeight());
        assertTrue(result.getColorModel().hasAlpha(), "the PNG has an alpha channel");
        int centre = result.getRGB(100, 90);
        assertTrue(centre >>> 24 >= 240, "the subject stays opaque: " + (centre >>> 24));
        assertEquals(SUBJECT, centre & 0xffffff, "the subject keeps its colour");
        for (int[] p : new int[][] { { 0, 0 }, { W - 1, 0 }, { 0, H - 1 }, { W - 1, H - 1 }, { 200, 90 } }) {
            int alpha = result.getRGB(p[0], p[1]) >>> 24;
            assertTrue(alpha <= 15, "the backdrop at " + p[0] + "," + p[1] + " is transparent: " + alpha);
        }
        int soft = 0;
        for (int x = 40; x < 60; x++) { // across the disc's left edge, at x = 50
            int alpha = result.getRGB(x, 90) >>> 24;
            soft += alpha > 15 && alpha < 240 ? 1 : 0;
        }
        assertTrue(soft >= 1, "the edge is soft, not thresholded");
    }

    @Test
    void aJpegSourceIsCutOutToo() throws IOException {
        BufferedImage rgb = TestPictures.read(TestPictures.png(W, H, false, OnnxImageProviderTest::scene));
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        assertTrue(javax.imageio.ImageIO.write(rgb, "jpeg", jpeg));
        BufferedImage result = TestPictures.read(removeBackground(jpeg.toByteArray()).data());

        assertEquals(W, result.getWidth());
        assertTrue(result.getRGB(100, 90) >>> 24 >= 240, "subject opaque");
        assertTrue(result.getRGB(0, 0) >>> 24 <= 15, "backdrop transparent");
    }

    @Test
    void aSourceWithTransparencyKeepsItWhereTheModelSeesSubject() {
        byte[] png = TestPictures.png(W, H, true, (x, y) -> (x < 100 ? 0x80 : 0xff) << 24 | scene(x, y));
        BufferedImage result = TestPictures.read(removeBackground(png).data());

        int halfTransparentSubject = result.getRGB(90, 90) >>> 24;
        assertTrue(halfTransparentSubject >= 120 && halfTransparentSubject <= 128, "the source's alpha 128 times "
                + "the matte: " + halfTransparentSubject);
        assertTrue(result.getRGB(110, 90) >>> 24 >= 240, "opaque subject stays opaque");
    }

    @Test
    void offersOneFreeModelForRemoveBackgroundOnly() {
        List<ModelInfo> models = provider.models();

        assertEquals(1, models.size());
        ModelInfo model = models.get(0);
        assertEquals("onnx/salient-object", model.id());
        assertEquals("ONNX salient-object model", model.displayName());
        assertEquals(ModelTier.QUALITY, model.tier());
        assertEquals(Cost.FREE, model.costPerImage());
        assertEquals(EnumSet.of(ImageOperation.REMOVE_BACKGROUND), model.operations());
        assertEquals("onnx", provider.id());
    }

    @Test
    void theDisplayNameComesFromTheConfiguration() throws IOException {
        TestConfig config = TestConfig.of(dir.resolve("tiny.onnx"));
        config.displayName = "U2-Net small (u2netp)";
        OnnxImageProvider named = new OnnxImageProvider(OnnxSettings.from(config));
        try {
            assertEquals("U2-Net small (u2netp)", named.models().get(0).displayName());
        } finally {
            named.deactivate();
        }
    }

    @Test
    void everyOtherOperationModelOrGenerationIsRefused() {
        byte[] png = TestPictures.png(W, H, false, OnnxImageProviderTest::scene);
        for (ImageOperation op : ImageOperation.values()) {
            if (op == ImageOperation.REMOVE_BACKGROUND) {
                continue;
            }
            ImagesException e = assertThrows(ImagesException.class, () -> provider.edit(TestPictures.request(op,
                    OnnxImageProvider.MODEL_ID, png, W, H), (f, m) -> { }, () -> false), op.name());
            assertEquals(ErrorCodes.OPERATION_NOT_SUPPORTED, e.code(), op.name());
        }
        ImagesException otherModel = assertThrows(ImagesException.class, () -> provider.edit(TestPictures.request(
                ImageOperation.REMOVE_BACKGROUND, "local/segmentation-cutout-v1", png, W, H), (f, m) -> { },
                () -> false));
        assertEquals(ErrorCodes.OPERATION_NOT_SUPPORTED, otherModel.code());
        ImagesException generate = assertThrows(ImagesException.class, () -> provider.generate(
                ImageRequest.builder(OnnxImageProvider.MODEL_ID, "a cat").build(), (f, m) -> { }, () -> false));
        assertEquals(ErrorCodes.OPERATION_NOT_SUPPORTED, generate.code());
    }

    @Test
    void bytesThatAreNoImageAreRefusedAsUnsupported() {
        byte[] junk = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ImagesException e = assertThrows(ImagesException.class, () -> removeBackground(junk));
        assertEquals(ErrorCodes.UNSUPPORTED_IMAGE, e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void aCancelledTaskStopsBeforeTheModelRuns() {
        byte[] png = TestPictures.png(W, H, false, OnnxImageProviderTest::scene);
        List<Double> reported = new ArrayList<>();
        assertThrows(TaskCancelledException.class, () -> provider.edit(TestPictures.request(
                ImageOperation.REMOVE_BACKGROUND, OnnxImageProvider.MODEL_ID, png, W, H),
                (f, m) -> reported.add(f), () -> !reported.isEmpty()));
        assertFalse(reported.contains(0.8), "the model did not run: " + reported);
    }

    @Test
    void afterDeactivationCallsFailAsRetryableUnavailable() {
        byte[] png = TestPictures.png(W, H, false, OnnxImageProviderTest::scene);
        provider.deactivate();

        ImagesException e = assertThrows(ImagesException.class, () -> removeBackground(png));
        assertEquals(ErrorCodes.PROVIDER_UNAVAILABLE, e.code());
        assertTrue(e.retryable());
        provider.deactivate(); // closing twice is harmless: @AfterEach does it again
    }

    @Test
    void concurrentCallsShareTheSessionAndAgree() throws Exception {
        byte[] png = TestPictures.png(W, H, false, OnnxImageProviderTest::scene);
        int[] expected = pixels(removeBackground(png));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> pixels(removeBackground(png))));
            }
            for (Future<int[]> result : results) {
                assertArrayEquals(expected, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] pixels(GeneratedImage image) {
        BufferedImage img = TestPictures.read(image.data());
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
