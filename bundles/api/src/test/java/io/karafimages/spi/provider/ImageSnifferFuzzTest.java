package io.karafimages.spi.provider;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the sniffer with any bytes, as a provider could send them: it never throws, and what it
 * recognises has a known media type and a positive size. The corpus in {@code ImageSnifferFuzzTestInputs/}
 * runs in every build; the pom's fuzz execution adds a bounded fuzzing run.
 */
class ImageSnifferFuzzTest {

    private static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/webp");

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "20s")
    void sniffs(byte[] data) {
        Optional<ImageSniffer.Sniffed> sniffed = ImageSniffer.sniff(data);
        sniffed.ifPresent(s -> assertTrue(TYPES.contains(s.mediaType()) && s.width() > 0 && s.height() > 0,
                () -> "implausible " + s));
    }
}
