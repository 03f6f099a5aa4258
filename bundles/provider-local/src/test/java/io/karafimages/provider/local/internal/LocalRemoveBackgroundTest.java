package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;

class LocalRemoveBackgroundTest {
    private static final int W = 200;
    private static final int H = 160;
    private static final int RADIUS = 45;

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    /** A red disc with a blue bar across it, centred on a uniform light backdrop. */
    private static int subjectScene(int x, int y) {
        double d = distanceFromCentre(x, y);
        if (d > RADIUS) {
            return 0xe6e6e0;
        }
        return Math.abs(y - H / 2.0) < 8 ? 0x2040a0 : 0xc03028;
    }

    private static double distanceFromCentre(int x, int y) {
        return Math.hypot(x + 0.5 - W / 2.0, y + 0.5 - H / 2.0);
    }

    private GeneratedImage removeBackground(byte[] png) {
        return provider.edit(TestImages.request(ImageOperation.REMOVE_BACKGROUND, LocalEdits.REMOVE_BACKGROUND_MODEL,
                png, W, H).build(), (f, m) -> { }, () -> false);
    }

    @Test
    void aSubjectOnAPlainBackdropIsCutOutWithASoftNarrowEdge() {
        byte[] source = TestImages.rgbPng(W, H, LocalRemoveBackgroundTest::subjectScene);
        GeneratedImage out = removeBackground(source);

        assertEquals("image/png", out.mediaType());
        assertEquals(LocalEdits.REMOVE_BACKGROUND_MODEL, out.modelId());
        assertTrue(TestImages.hasAlpha(out.data()), "the result has an alpha channel");
        assertArrayEquals(new int[] { W, H }, TestImages.size(out.data()));
        int[] original = TestImages.pixels(source);
        int[] result = TestImages.pixels(out.data());
        for (int corner : new int[] { 0, W - 1, (H - 1) * W, H * W - 1 }) {
            assertEquals(0, result[corner] >>> 24, "corner " + corner + " is transparent");
        }
        assertEquals(255, result[H / 2 * W + W / 2] >>> 24, "the centre is opaque");
        int soft = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double d = distanceFromCentre(x, y);
                int alpha = result[i] >>> 24;
                if (d < RADIUS - 5) { // the soft edge reaches 3 px along each axis: 4.3 px diagonally
                    assertEquals(original[i], result[i], "subject pixel changed at " + x + "," + y);
                } else if (d > RADIUS + 5) {
                    assertEquals(0, alpha, "backdrop left at " + x + "," + y);
                }
                if (alpha > 0) {
                    assertEquals(original[i] & 0xffffff, result[i] & 0xffffff, "colour changed at " + x + "," + y);
                }
                soft += alpha > 0 && alpha < 255 ? 1 : 0;
            }
        }
        assertTrue(soft > 2 * Math.PI * RADIUS, "the edge is soft, not a hard cut: " + soft);
    }

    @Test
    void anImageWithTransparencyKeepsItsOwnAlpha() {
        // a disc with a feathered rim on a transparent ground that hides a colour: nothing to segment
        byte[] source = TestImages.argbPng(W, H, (x, y) -> {
            double d = distanceFromCentre(x, y);
            int alpha = d < 30 ? 255 : d < 40 ? (int) Math.round(255 * (40 - d) / 10) : 0;
            return alpha << 24 | (d < 30 ? 0x2266aa : 0x33cc55);
        });
        GeneratedImage out = removeBackground(source);

        assertTrue(TestImages.hasAlpha(out.data()));
        assertArrayEquals(TestImages.pixels(source), TestImages.pixels(out.data()));
    }

    @Test
    void anOpaqueImageWithAnAlphaChannelIsSegmentedLikeAnyOther() {
        byte[] source = TestImages.argbPng(W, H, (x, y) -> 0xff000000 | subjectScene(x, y));
        int[] result = TestImages.pixels(removeBackground(source).data());

        assertEquals(0, result[0] >>> 24);
        assertEquals(255, result[H / 2 * W + W / 2] >>> 24);
    }

    @Test
    void aPictureWithNoBackdropStillGetsACleanCutout() {
        SplittableRandom random = new SplittableRandom(42);
        int[] noise = new int[W * H];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0xff000000 | random.nextInt(0x1000000);
        }
        Picture picture = new Picture(W, H, noise, false);
        EditProgress quiet = new EditProgress((f, m) -> { }, () -> false);
        assertTrue(new BackgroundSegmenter().segment(picture, quiet).fallback(), "the noise really has no backdrop");
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> noise[y * W + x] & 0xffffff);

        GeneratedImage out = removeBackground(source);

        assertTrue(TestImages.hasAlpha(out.data()), "still a PNG with alpha");
        int[] result = TestImages.pixels(out.data());
        int centre = H / 2 * W + W / 2;
        assertEquals(0xff000000 | noise[centre], result[centre], "the centre is kept as it was");
        assertEquals(0, result[0] >>> 24, "the corners are cut away");
        assertEquals(0, result[H * W - 1] >>> 24);
        // the fallback's soft ellipse: opaque at the centre, fading towards the sides, symmetric
        int left = result[H / 2 * W + 30] >>> 24;
        assertTrue(left > 0 && left < 255, "soft at the ellipse's rim: " + left);
        assertEquals(left, result[H / 2 * W + W - 1 - 30] >>> 24);
        assertEquals(255, result[H / 2 * W + 40] >>> 24);
    }

    @Test
    void aCancelledCutoutStops() {
        byte[] source = TestImages.rgbPng(W, H, LocalRemoveBackgroundTest::subjectScene);
        assertThrows(TaskCancelledException.class, () -> provider.edit(TestImages.request(
                ImageOperation.REMOVE_BACKGROUND, LocalEdits.REMOVE_BACKGROUND_MODEL, source, W, H).build(),
                (f, m) -> { }, () -> true));
    }
}
