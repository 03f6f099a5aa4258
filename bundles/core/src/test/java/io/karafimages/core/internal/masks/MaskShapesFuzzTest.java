package io.karafimages.core.internal.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.MaskShape;

/**
 * Fuzzes the rasterising of mask shapes at any image size the binder lets through (fractions 0..1, up to 200
 * shapes, a feather of 0..256 px): the mask has the image's size, only 0 and 255 without a feather, a coverage
 * between 0 and 1; a malformed shape is {@code invalid_mask}, never another exception. The corpus in
 * {@code MaskShapesFuzzTestInputs/} runs in every build.
 */
class MaskShapesFuzzTest {
    private static final String[] TYPES = { "rect", "ellipse", "polygon", "stroke", "circle" };

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 4_000)
    void drawsAnyShapes(FuzzedDataProvider data) {
        int width = data.consumeInt(1, 320);
        int height = data.consumeInt(1, 320);
        double feather = data.consumeBoolean() ? 0 : data.consumeDouble() % 257;
        feather = Double.isFinite(feather) ? Math.abs(feather) : 0;
        List<MaskShape> shapes = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            shapes.add(new MaskShape(data.pickValue(TYPES), fraction(data), fraction(data), fraction(data),
                    fraction(data), points(data), fraction(data)));
        }
        GrayMask mask;
        try {
            mask = MaskRasterizer.draw(shapes, feather, width, height);
        } catch (ImagesException e) {
            assertEquals(ErrorCodes.INVALID_MASK, e.code(), e::getMessage);
            return;
        }
        assertEquals(width, mask.width());
        assertEquals(height, mask.height());
        assertEquals(width * height, mask.gray().length);
        assertTrue(mask.coverage() >= 0 && mask.coverage() <= 1, () -> "coverage " + mask.coverage());
        if (feather == 0) {
            for (byte b : mask.gray()) {
                assertTrue(b == 0 || b == (byte) 255, "an unfeathered mask is binary");
            }
        }
    }

    /** A fraction as the binder admits it (0..1), sometimes missing. */
    private static Double fraction(FuzzedDataProvider data) {
        return data.consumeBoolean() ? null : data.consumeProbabilityDouble();
    }

    private static List<List<Double>> points(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return null;
        }
        int n = data.consumeInt(0, 40);
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // out-of-range points and short pairs get through binding only as fractions; check the guard anyway
            double x = data.consumeBoolean() ? data.consumeProbabilityDouble() : data.consumeDouble();
            points.add(data.consumeBoolean() ? List.of(x) : List.of(x, data.consumeProbabilityDouble()));
        }
        return points;
    }
}
