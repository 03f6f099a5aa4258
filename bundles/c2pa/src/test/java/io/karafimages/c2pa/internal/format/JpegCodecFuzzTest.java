package io.karafimages.c2pa.internal.format;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JPEG container code with any bytes. The corpus in {@code JpegCodecFuzzTestInputs/} runs in every
 * build; the fuzz execution of surefire adds a bounded fuzzing run (see the module's pom).
 */
class JpegCodecFuzzTest {

    private final ContainerCodec codec = new JpegCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 150_000)
    void readsAndRewrites(byte[] asset) {
        CodecFuzzing.exercise(codec, asset);
    }
}
