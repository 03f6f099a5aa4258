package io.karafimages.spi.provenance;

import java.time.Instant;

/**
 * The facts a provenance writer labels an image with.
 *
 * @param prompt {@code null} when there is none
 * @param parentEmbedId {@code null} unless the image was derived from another embed
 */
public record ProvenanceInfo(String skill, String model, String prompt, Instant generatedAt, String parentEmbedId) {
}
