package io.karafimages.provider.google.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.genai.types.GenerateContentResponse;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;

/**
 * Fuzzes the reading of a {@code generateContent} answer with any bytes, as the network could deliver them:
 * what the SDK cannot read maps to {@code provider_bad_output}; what it reads gives an image or a refusal or bad
 * output, never another exception. The corpus in {@code GeminiAnswerFuzzTestInputs/} runs in every build; the
 * pom's fuzz execution adds a bounded fuzzing run.
 */
class GeminiAnswerFuzzTest {

    private static final Set<String> CODES = Set.of("provider_refused", "provider_bad_output");

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 120_000)
    void readsAnswers(byte[] body) {
        GenerateContentResponse response;
        try {
            response = GenerateContentResponse.fromJson(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // the SDK throws inside its future; the provider maps what it finds there
            ImagesException mapped = GeminiFailures.map(e, Optional.empty(), Duration.ofSeconds(60));
            assertEquals("provider_bad_output", mapped.code(), mapped::getMessage);
            return;
        }
        try {
            GeneratedImage image = GeminiAnswer.imageFrom(response, "gemini-test");
            assertTrue(image.data().length > 0);
        } catch (ImagesException e) {
            assertTrue(CODES.contains(e.code()), e::getMessage);
        }
    }
}
