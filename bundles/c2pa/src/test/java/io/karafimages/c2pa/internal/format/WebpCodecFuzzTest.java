package io.karafimages.c2pa.internal.format;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the WebP container code with any bytes. The corpus in {@code WebpCodecFuzzTestInputs/} runs in every
 * build; the fuzz execution of surefire adds a bounded fuzzing run (see the module's pom).
 */
class WebpCodecFuzzTest {

    private final ContainerCodec codec = new WebpCodec();

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 500_000)
    void readsAndRewrites(byte[] asset) {
        CodecFuzzing.exercise(codec, asset);
    }
}
