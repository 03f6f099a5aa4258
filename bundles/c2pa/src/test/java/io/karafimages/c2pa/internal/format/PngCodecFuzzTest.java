package io.karafimages.c2pa.internal.format;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the Png container code with any bytes. The corpus in {@code PngCodecFuzzTestInputs/} runs in every
 * build; the fuzz execution of surefire adds a bounded fuzzing run (see the module's pom).
 */
class PngCodecFuzzTest {

    private final ContainerCodec codec = new PngCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 400_000)
    void readsAndRewrites(byte[] asset) {
        CodecFuzzing.exercise(codec, asset);
    }
}
