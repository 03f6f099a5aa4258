package io.karafimages.provider.local.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

class LocalEditsTest {
    private static final int W = 200;
    private static final int H = 160;
    private static final int BACKDROP = 0xe6e6e0;

    private final LocalImageProvider provider = new LocalImageProvider(1.0, 0);

    /** A red disc with a blue bar across it, centred on a uniform light backdrop. */
    private static int subjectScene(int x, int y) {
        double dx = x - W / 2.0;
        double dy = y - H / 2.0;
        if (dx * dx + dy * dy > 45 * 45) {
            return BACKDROP;
        }
        return Math.abs(dy) < 8 ? 0x2040a0 : 0xc03028;
    }

    private static boolean deepInSubject(int x, int y) {
        double dx = x - W / 2.0;
        double dy = y - H / 2.0;
        return dx * dx + dy * dy < 38 * 38;
    }

    private static boolean farBackground(int x, int y) {
        double dx = x - W / 2.0;
        double dy = y - H / 2.0;
        return dx * dx + dy * dy > 55 * 55;
    }

    private byte[] edit(EditRequest request) {
        return provider.edit(request, (f, m) -> { }, () -> false).data();
    }

    @Test
    void inpaintChangesOnlyMaskedPixels() {
        byte[] source = TestImages.rgbPng(W, H, LocalEditsTest::subjectScene);
        byte[] mask = TestImages.grayPng(W, H, (x, y) -> x >= 20 && x < 70 && y >= 30 && y < 90 ? 255
                : x >= 16 && x < 74 && y >= 26 && y < 94 ? 60 : 0); // with a faint feathered rim
        int[] maskValues = TestImages.pixels(mask);

        byte[] out = edit(TestImages.request(ImageOperation.INPAINT, LocalEdits.INPAINT_MODEL, source, W, H)
                .maskPng(mask).prompt("blue water").build());

        int[] original = TestImages.pixels(source);
        int[] result = TestImages.pixels(out);
        double changeInside = 0;
        int inside = 0;
        for (int i = 0; i < result.length; i++) {
            if ((maskValues[i] & 0xff) == 0) {
                assertEquals(original[i], result[i], "unmasked pixel " + i + " changed");
            } else if ((maskValues[i] & 0xff) == 255) {
                changeInside += TestImages.difference(original[i], result[i]);
                inside++;
            }
        }
        assertTrue(changeInside / inside > 20, "the masked region barely changed: " + changeInside / inside);
    }

    @Test
    void replaceBackgroundKeepsACentredSubjectAndChangesTheBackdrop() {
        byte[] source = TestImages.rgbPng(W, H, LocalEditsTest::subjectScene);

        byte[] out = edit(TestImages.request(ImageOperation.REPLACE_BACKGROUND, LocalEdits.REPLACE_BACKGROUND_MODEL,
                source, W, H).prompt("a dark green forest at night").build());

        assertArrayEquals(new int[] { W, H }, TestImages.size(out));
        int[] original = TestImages.pixels(source);
        int[] result = TestImages.pixels(out);
        double backgroundChange = 0;
        int background = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                if (deepInSubject(x, y)) {
                    assertEquals(original[i], result[i], "subject pixel changed at " + x + "," + y);
                } else if (farBackground(x, y)) {
                    backgroundChange += TestImages.difference(original[i], result[i]);
                    background++;
                }
            }
        }
        assertTrue(backgroundChange / background > 60, "backdrop barely changed: " + backgroundChange / background);
    }

    @Test
    void generateBackgroundRespectsTheMask() {
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> ((x * 13) ^ (y * 7)) & 0xffffff); // busy: no backdrop
        byte[] mask = TestImages.grayPng(W, H, (x, y) -> x >= 60 && x < 140 && y >= 40 && y < 120 ? 0 : 255);

        byte[] out = edit(TestImages.request(ImageOperation.GENERATE_BACKGROUND,
                LocalEdits.GENERATE_BACKGROUND_MODEL, source, W, H).maskPng(mask).build());

        int[] original = TestImages.pixels(source);
        int[] result = TestImages.pixels(out);
        int kept = 0;
        int replaced = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean subject = x >= 60 && x < 140 && y >= 40 && y < 120;
                if (subject) {
                    assertEquals(original[i], result[i], "kept pixel changed at " + x + "," + y);
                    kept++;
                } else if (TestImages.difference(original[i], result[i]) > 10) {
                    replaced++;
                }
            }
        }
        assertEquals(80 * 80, kept);
        assertTrue(replaced > 0.8 * (W * H - kept), "only " + replaced + " background pixels replaced");
    }

    @Test
    void generateBackgroundWithoutMaskSegmentsTheSubject() {
        byte[] source = TestImages.rgbPng(W, H, LocalEditsTest::subjectScene);

        int[] result = TestImages.pixels(edit(TestImages.request(ImageOperation.GENERATE_BACKGROUND,
                LocalEdits.GENERATE_BACKGROUND_MODEL, source, W, H).build()));

        int[] original = TestImages.pixels(source);
        int centre = H / 2 * W + W / 2 + 20;
        assertEquals(original[centre], result[centre], "the subject is kept");
        assertTrue(TestImages.difference(original[0], result[0]) > 3, "the corner got a new backdrop");
    }

    @Test
    void imageToImageStrengthZeroKeepsThePixelsAndOneReplacesThem() {
        byte[] source = TestImages.rgbPng(W, H, (x, y) -> 0x102040 + (x / 4 << 8));
        int[] original = TestImages.pixels(source);

        int[] none = TestImages.pixels(edit(TestImages.request(ImageOperation.IMAGE_TO_IMAGE,
                LocalEdits.IMAGE_TO_IMAGE_MODEL, source, W, H).prompt("bright orange sunset").strength(0.0).build()));
        int[] full = TestImages.pixels(edit(TestImages.request(ImageOperation.IMAGE_TO_IMAGE,
                LocalEdits.IMAGE_TO_IMAGE_MODEL, source, W, H).prompt("bright orange sunset").strength(1.0).build()));
        int[] half = TestImages.pixels(edit(TestImages.request(ImageOperation.IMAGE_TO_IMAGE,
                LocalEdits.IMAGE_TO_IMAGE_MODEL, source, W, H).prompt("bright orange sunset").build()));

        assertArrayEquals(original, none);
        double farFull = meanDifference(original, full);
        double farHalf = meanDifference(original, half);
        assertTrue(farFull > 60, "strength 1 stays close to the source: " + farFull);
        assertTrue(farHalf > 5 && farHalf < farFull, "default strength 0.5: " + farHalf + " vs " + farFull);
    }

    @Test
    void variationIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        byte[] source = TestImages.rgbPng(W, H, LocalEditsTest::subjectScene);
        EditRequest seven = TestImages.request(ImageOperation.VARIATE, LocalEdits.VARIATE_MODEL, source, W, H)
                .seed(7L).build();
        EditRequest eight = TestImages.request(ImageOperation.VARIATE, LocalEdits.VARIATE_MODEL, source, W, H)
                .seed(8L).build();
        EditRequest unseeded = TestImages.request(ImageOperation.VARIATE, LocalEdits.VARIATE_MODEL, source, W, H)
                .build();

        byte[] a = edit(seven);
        assertArrayEquals(a, edit(seven));
        assertFalse(Arrays.equals(a, edit(eight)));
        assertArrayEquals(edit(unseeded), edit(unseeded));
        assertArrayEquals(new int[] { W, H }, TestImages.size(a));
        assertTrue(meanDifference(TestImages.pixels(source), TestImages.pixels(a)) > 2, "a variation differs");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 20 })
    void progressRisesToOne(int simulatedLatencyMs) {
        byte[] source = TestImages.rgbPng(W, H, LocalEditsTest::subjectScene);
        List<Double> seen = new ArrayList<>();
        new LocalImageProvider(1.0, simulatedLatencyMs).edit(TestImages.request(ImageOperation.REPLACE_BACKGROUND, LocalEdits.REPLACE_BACKGROUND_MODEL,
                source, W, H).prompt("a beach").build(), (f, m) -> seen.add(f), () -> false);

        assertTrue(seen.size() > 2, "progress reports: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress went back: " + seen);
        }
        assertEquals(1.0, seen.get(seen.size() - 1), 1e-9);
    }

    private static double meanDifference(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += TestImages.difference(a[i], b[i]);
        }
        return sum / a.length;
    }
}
