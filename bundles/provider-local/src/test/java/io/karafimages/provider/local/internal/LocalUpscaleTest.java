package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;

class LocalUpscaleTest {
    private static final int W = 96;
    private static final int H = 64;

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    /** Smooth in every channel, and not separable (blue bends), at continuous source pixel coordinates. */
    private static double[] gradient(double x, double y) {
        return new double[] { 20 + x * 200 / (W - 1), 30 + y * 180 / (H - 1),
                40 + (x * x / (W - 1) + y) * 150 / (W + H - 2) };
    }

    private static int gradientPixel(int x, int y) {
        double[] c = gradient(x, y);
        return (int) Math.round(c[0]) << 16 | (int) Math.round(c[1]) << 8 | (int) Math.round(c[2]);
    }

    /** A red disc on a light backdrop: hard edges all round. */
    private static int disc(int x, int y) {
        double dx = x - W / 2.0;
        double dy = y - H / 2.0;
        return dx * dx + dy * dy < 20 * 20 ? 0xc03028 : 0xe6e6e0;
    }

    private GeneratedImage upscale(ImageOperation op, byte[] png, int w, int h, Integer scale) {
        String model = op == ImageOperation.UPSCALE_CRISP ? LocalEdits.UPSCALE_CRISP_MODEL
                : LocalEdits.UPSCALE_SHARPENED_MODEL;
        return provider.edit(TestImages.request(op, model, png, w, h).scale(scale).build(), (f, m) -> { },
                () -> false);
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 4 })
    void crispUpscaleOfASmoothGradientFollowsTheAnalyticGradient(int scale) {
        GeneratedImage out = upscale(ImageOperation.UPSCALE_CRISP, TestImages.rgbPng(W, H,
                LocalUpscaleTest::gradientPixel), W, H, scale);

        assertEquals("image/png", out.mediaType());
        assertEquals(LocalEdits.UPSCALE_CRISP_MODEL, out.modelId());
        assertArrayEquals(new int[] { W * scale, H * scale }, TestImages.size(out.data()));
        assertFalse(TestImages.hasAlpha(out.data()), "an opaque source gives an opaque PNG");
        int[] result = TestImages.pixels(out.data());
        double sum = 0;
        double worst = 0;
        for (int y = 0; y < H * scale; y++) {
            for (int x = 0; x < W * scale; x++) {
                // the output pixel's centre in source pixel coordinates
                double[] expected = gradient((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5);
                int p = result[y * W * scale + x];
                double error = (Math.abs((p >> 16 & 0xff) - expected[0]) + Math.abs((p >> 8 & 0xff) - expected[1])
                        + Math.abs((p & 0xff) - expected[2])) / 3;
                sum += error;
                worst = Math.max(worst, error);
            }
        }
        double mean = sum / result.length;
        // the source itself is rounded to whole levels (error up to 0.5), so this is as close as it gets
        assertTrue(mean < 0.6, "mean error " + mean);
        assertTrue(worst < 1.5, "worst error " + worst);
    }

    @Test
    void withoutAScaleTheUpscaleDoubles() {
        byte[] source = TestImages.rgbPng(W, H, LocalUpscaleTest::disc);
        assertArrayEquals(new int[] { 2 * W, 2 * H },
                TestImages.size(upscale(ImageOperation.UPSCALE_CRISP, source, W, H, null).data()));
        assertArrayEquals(new int[] { 2 * W, 2 * H },
                TestImages.size(upscale(ImageOperation.UPSCALE_CREATIVE, source, W, H, null).data()));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 3, 8 })
    void aScaleOtherThanTwoOrFourIsInvalidInput(int scale) {
        byte[] source = TestImages.rgbPng(W, H, LocalUpscaleTest::disc);
        ImagesException e = assertThrows(ImagesException.class,
                () -> upscale(ImageOperation.UPSCALE_CRISP, source, W, H, scale));
        assertEquals("invalid_input", e.code());
        assertEquals(400, e.httpStatus());
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 4 })
    void aHardEdgeOvershootsALittleAndOnlyNearTheEdge(int scale) {
        int edge = W / 2;
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> x < edge ? 0x404040 : 0xc0c0c0); // 64 | 192
        int[] result = TestImages.pixels(upscale(ImageOperation.UPSCALE_CRISP, source, W, H, scale).data());

        for (int y = 0; y < H * scale; y++) {
            for (int x = 0; x < W * scale; x++) {
                int v = result[y * W * scale + x] & 0xff;
                double sourceX = (x + 0.5) / scale - 0.5;
                // Lanczos-3 overshoots a step by at most ~11.8 % of its height (128 here): 15 levels
                assertTrue(v >= 64 - 16 && v <= 192 + 16, "rings to " + v + " at " + x + "," + y);
                if (sourceX < edge - 3.5) {
                    assertEquals(64, v, "ringing 3 source pixels away from the edge at " + x);
                } else if (sourceX > edge + 2.5) {
                    assertEquals(192, v, "ringing 3 source pixels away from the edge at " + x);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 4 })
    void transparentEdgesGetNoDarkHalo(int scale) {
        // opaque orange left, fully transparent (hidden black) right, and a soft stripe of half alpha between
        byte[] source = TestImages.argbPng(W, H, (x, y) -> x < 40 ? 0xffff8020 : x < 44 ? 0x80ff8020 : 0);
        GeneratedImage out = upscale(ImageOperation.UPSCALE_CRISP, source, W, H, scale);

        assertTrue(TestImages.hasAlpha(out.data()), "the alpha channel is kept");
        int[] result = TestImages.pixels(out.data());
        int partial = 0;
        for (int p : result) {
            int alpha = p >>> 24;
            if (alpha > 0) {
                // premultiplied filtering: however little of the pixel is left, its colour is still the orange
                assertTrue(TestImages.difference(p, 0xff8020) <= 1, Integer.toHexString(p));
            }
            partial += alpha > 0 && alpha < 255 ? 1 : 0;
        }
        assertTrue(partial > 4 * H * scale, "the alpha edge is resampled, not copied: " + partial);
    }

    @Test
    void creativeSharpensTheCrispResultButStaysClose() {
        byte[] source = TestImages.rgbPng(W, H, LocalUpscaleTest::disc);
        int[] crisp = TestImages.pixels(upscale(ImageOperation.UPSCALE_CRISP, source, W, H, 2).data());
        GeneratedImage creative = upscale(ImageOperation.UPSCALE_CREATIVE, source, W, H, 2);
        int[] sharp = TestImages.pixels(creative.data());

        assertEquals(LocalEdits.UPSCALE_SHARPENED_MODEL, creative.modelId());
        double sum = 0;
        double worst = 0;
        for (int i = 0; i < crisp.length; i++) {
            double d = TestImages.difference(crisp[i], sharp[i]);
            sum += d;
            worst = Math.max(worst, d);
        }
        double mean = sum / crisp.length;
        assertTrue(mean > 0.2 && mean < 3, "mean difference " + mean);
        assertTrue(worst < 40, "worst difference " + worst);
        assertEquals(crisp[0], sharp[0], "flat areas are left alone (threshold)");
        assertTrue(edgeContrast(sharp) > 1.05 * edgeContrast(crisp), "the edges got crisper");
    }

    @Test
    void progressRisesToOne() {
        List<Double> seen = new ArrayList<>();
        provider.edit(TestImages.request(ImageOperation.UPSCALE_CREATIVE, LocalEdits.UPSCALE_SHARPENED_MODEL,
                TestImages.rgbPng(W, H, LocalUpscaleTest::disc), W, H).scale(4).build(), (f, m) -> seen.add(f),
                () -> false);

        assertTrue(seen.size() > 10, "progress reports: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress went back: " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-9);
    }

    @Test
    void cancellingALargeUpscaleStopsItPromptly() {
        int side = 512;
        EditRequest request = TestImages.request(ImageOperation.UPSCALE_CRISP, LocalEdits.UPSCALE_CRISP_MODEL,
                TestImages.rgbPng(side, side, (x, y) -> x * 255 / side << 8 | y * 255 / side), side, side).scale(4)
                .build();
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Double> seen = new ArrayList<>();

        assertThrows(TaskCancelledException.class, () -> provider.edit(request, (fraction, message) -> {
            seen.add(fraction);
            if (fraction > 0.2) {
                cancelled.set(true);
            }
        }, cancelled::get));
        assertTrue(seen.get(seen.size() - 1) < 0.3, "went on after the cancel: " + seen);
    }

    @Test
    void anUpscaleBeyondTheSafetyLimitIsRefusedBeforeWorking() {
        int side = 2001; // 4x gives 8004 x 8004: just over 64 megapixels
        byte[] source = TestImages.rgbPng(side, side, (x, y) -> 0x336699);
        ImagesException e = assertThrows(ImagesException.class,
                () -> upscale(ImageOperation.UPSCALE_CRISP, source, side, side, 4));
        assertEquals("image_too_large", e.code());
    }

    /** Mean absolute difference of horizontal neighbours' red: higher when edges are steeper. */
    private static double edgeContrast(int[] pixels) {
        double sum = 0;
        for (int i = 1; i < pixels.length; i++) {
            sum += Math.abs((pixels[i] >> 16 & 0xff) - (pixels[i - 1] >> 16 & 0xff));
        }
        return sum / pixels.length;
    }
}
