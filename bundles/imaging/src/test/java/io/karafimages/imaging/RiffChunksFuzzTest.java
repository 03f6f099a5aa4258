package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the RIFF chunk reader with any bytes: chunks lie inside the RIFF chunk, and copying them gives back its
 * size; the WebP canvas of the first chunk is never below 1x1 and making the file extended either works or is an
 * {@code unsupported_image}. The corpus in {@code RiffChunksFuzzTestInputs/} (moved here with the code from the
 * c2pa codec's) runs in every build.
 */
class RiffChunksFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 600_000)
    void reads(byte[] data) {
        ContainerFuzzing.check(data, () -> {
            RiffChunks.Riff riff = RiffChunks.read(data);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (RiffChunks.Chunk c : riff.chunks()) {
                ContainerFuzzing.inside(data, c.offset(), (long) c.dataStart() + c.size(), c.fourCc());
                RiffChunks.copy(data, c, body);
                RiffChunks.canvas(data, c).ifPresent(canvas -> {
                    if (canvas.width() < 1 || canvas.height() < 1) {
                        throw new AssertionError("implausible canvas " + canvas);
                    }
                });
            }
            ContainerFuzzing.inside(data, 12, riff.end(), "RIFF");
            // chunks and pads fill the RIFF chunk (the pad of a last odd chunk may be missing at the end of the file)
            long filled = body.size();
            assertTrue(filled == riff.end() - 12L || filled == riff.end() - 11L, () -> filled + " for " + riff);
            if (!riff.chunks().isEmpty() && !riff.chunks().get(0).fourCc().equals("VP8X")) {
                RiffChunks.extendedHeader(data, riff.chunks());
            }
        });
    }
}
