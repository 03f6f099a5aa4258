package io.karafimages.provider.google.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.GenerateContentResponse;

import io.karafimages.api.ImagesException;

/**
 * Found by {@link GeminiAnswerFuzzTest}: the SDK reports a body it cannot deserialize as a {@link GenAiIOException},
 * which read as "could not be reached" ({@code provider_unavailable}) although Gemini did answer.
 */
class GeminiUnreadableAnswerTest {

    @Test
    void undeserializableAnswerIsBadOutput() {
        GenAiIOException sdk = assertThrows(GenAiIOException.class, () -> GenerateContentResponse.fromJson("{\"candidates\":[{"));
        ImagesException mapped = GeminiFailures.map(new ExecutionException(sdk), Optional.empty(), Duration.ofSeconds(60));
        assertEquals("provider_bad_output", mapped.code());
        assertTrue(mapped.retryable());
    }

    @Test
    void plainIoFailureStaysUnavailable() {
        GenAiIOException io = new GenAiIOException("connection reset", new IOException("reset"));
        assertEquals("provider_unavailable", GeminiFailures.map(io, Optional.empty(), Duration.ofSeconds(60)).code());
    }
}
