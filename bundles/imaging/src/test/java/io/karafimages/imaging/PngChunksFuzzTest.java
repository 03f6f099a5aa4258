package io.karafimages.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the PNG chunk reader with any bytes: chunks lie inside the file, end with IEND, and copying them back
 * gives the file up to IEND. The corpus in {@code PngChunksFuzzTestInputs/} (moved here with the code from the
 * c2pa codec's) runs in every build; the pom's fuzz execution adds a bounded fuzzing run.
 */
class PngChunksFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 700_000)
    void reads(byte[] data) {
        ContainerFuzzing.check(data, () -> {
            List<PngChunks.Chunk> chunks = PngChunks.read(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(PngChunks.signature());
            for (PngChunks.Chunk c : chunks) {
                ContainerFuzzing.inside(data, c.offset(), c.end(), c.type());
                PngChunks.copy(data, c, out);
            }
            PngChunks.Chunk last = chunks.get(chunks.size() - 1);
            assertEquals("IEND", last.type());
            assertArrayEquals(Arrays.copyOf(data, last.end()), out.toByteArray());
        });
    }
}
