package io.karafimages.spi.skill;

import java.time.Instant;
import java.util.Map;

import io.karafimages.api.Cost;

/**
 * The facts about a produced image that go into the embed content (encrypted) and into provenance labels.
 *
 * @param prompt the user's prompt, or {@code null} for skills without one
 * @param model the model id that made the pixels, e.g. {@code local/procedural-v1}
 * @param aspectRatio wire form such as {@code 16:9}, or {@code null}
 * @param parentEmbedId the embed this one was derived from, or {@code null}
 * @param extra further JSON-compatible fields for the embed content; may be empty
 */
public record ImageOutput(String prompt, String model, String aspectRatio, String parentEmbedId, Cost cost,
        Instant generatedAt, Map<String, Object> extra) {
    public ImageOutput {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
