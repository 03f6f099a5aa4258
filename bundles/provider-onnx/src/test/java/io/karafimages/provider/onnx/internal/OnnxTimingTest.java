package io.karafimages.provider.onnx.internal;

import io.karafimages.testsupport.onnx.TinyOnnxModels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;

/**
 * Logs how long one 1-megapixel cut-out takes with the tiny model: the cost of everything around the model (decode,
 * resampling, PNG encode), since the tiny model itself costs nearly nothing. Reported, never asserted: the machine
 * is shared and noisy.
 */
class OnnxTimingTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxTimingTest.class);
    private static final int EDGE = 1000;

    @TempDir
    Path dir;

    @Test
    void logsTheTimeOfOneMegapixelCutOut() throws IOException {
        Path model = Files.write(dir.resolve("tiny.onnx"), TinyOnnxModels.brightness(3f, -1));
        OnnxImageProvider provider = new OnnxImageProvider(TestConfig.of(model));
        try {
            byte[] png = TestPictures.png(EDGE, EDGE, false, (x, y) -> Math.hypot(x - 480, y - 520) < 300
                    ? 0xe0d0c0 ^ (x * 7 + y * 13) % 32 : 0x202428 ^ (x * 3 + y * 5) % 16);
            long[] millis = new long[5];
            GeneratedImage out = null;
            for (int i = 0; i < millis.length; i++) {
                long start = System.nanoTime();
                out = provider.edit(TestPictures.request(ImageOperation.REMOVE_BACKGROUND, OnnxImageProvider.MODEL_ID,
                        png, EDGE, EDGE), (f, m) -> { }, () -> false);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
            assertEquals(EDGE, TestPictures.read(out.data()).getWidth());
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            LOG.info("1 MP cut-out with the tiny model (input.size 320): runs {} ms, median {} ms",
                    Arrays.toString(millis), sorted[sorted.length / 2]);
        } finally {
            provider.deactivate();
        }
    }
}
