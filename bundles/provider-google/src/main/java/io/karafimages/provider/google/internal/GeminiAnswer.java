package io.karafimages.provider.google.internal;

import io.karafimages.spi.provider.ImageSniffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.google.genai.types.BlockedReason;
import com.google.genai.types.Blob;
import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponsePromptFeedback;
import com.google.genai.types.Part;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;

/**
 * Reads the image out of a {@code generateContent} answer. Gemini 3 image models think first and may send
 * interim images marked {@code thought: true} before the final one; those and any text are skipped. A prompt
 * blocked by safety filters, a candidate stopped for safety, or an answer with no final image is a refusal;
 * bytes that are not a readable image are bad output. Stateless.
 */
final class GeminiAnswer {
    /** Finish reasons that mean a policy filter stopped the image. */
    private static final Set<String> SAFETY_STOPS = Set.of("SAFETY", "PROHIBITED_CONTENT", "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION");

    private GeminiAnswer() {
    }

    static GeneratedImage imageFrom(GenerateContentResponse response, String modelId) {
        if (response == null) { // a body of just "null" reads as no answer at all
            throw new ImagesException("provider_bad_output", 502, true, "Gemini sent an empty answer.");
        }
        Optional<String> blocked = response.promptFeedback().flatMap(GenerateContentResponsePromptFeedback::blockReason)
                .map(BlockedReason::toString).filter(r -> !r.isEmpty() && !r.equals("BLOCKED_REASON_UNSPECIFIED"));
        if (blocked.isPresent()) {
            throw refused("Gemini declined the prompt under its safety policy (" + blocked.get() + ").");
        }
        // JSON lists may hold nulls ("candidates": [null]): skip them rather than fail with a NullPointerException
        Candidate candidate = response.candidates().orElse(List.of()).stream().filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> refused("Gemini answered without an image."));
        Optional<Blob> image = candidate.content().flatMap(Content::parts).orElse(List.of()).stream()
                .filter(Objects::nonNull).filter(p -> !p.thought().orElse(false))
                .map(Part::inlineData).flatMap(Optional::stream)
                .filter(b -> b.data().map(d -> d.length > 0).orElse(false))
                .findFirst();
        if (image.isEmpty()) {
            String reason = candidate.finishReason().map(FinishReason::toString).orElse("");
            if (SAFETY_STOPS.contains(reason)) {
                throw refused("Gemini declined to draw this image under its safety policy (" + reason + ").");
            }
            throw refused("Gemini answered without an image" + (reason.isEmpty() ? "." : " (" + reason + ")."));
        }
        byte[] data = image.get().data().orElseThrow();
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(data).orElseThrow(() -> new ImagesException(
                "provider_bad_output", 502, true, "Gemini sent image data that is not a readable PNG, JPEG or WebP."));
        return GeneratedImage.of(data, sniffed.mediaType(), modelId);
    }

    private static ImagesException refused(String sentence) {
        return new ImagesException("provider_refused", 422, false, sentence);
    }
}
