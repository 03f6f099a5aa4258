package io.karafimages.spi.skill;

import java.util.Objects;

/**
 * What a successful run produced: one encoded image (PNG, JPEG or WebP) and its facts. The engine turns it
 * into the three renditions, labels, encrypts and stores them, and finishes the embed.
 */
public record SkillResult(byte[] image, String mediaType, ImageOutput output) {
    public SkillResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(output, "output");
    }

    public static SkillResult image(byte[] image, String mediaType, ImageOutput output) {
        return new SkillResult(image, mediaType, output);
    }
}
