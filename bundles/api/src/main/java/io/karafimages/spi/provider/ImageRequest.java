package io.karafimages.spi.provider;

import java.util.List;

import io.karafimages.api.AspectRatio;

/**
 * One generation request.
 *
 * @param references the caller's own images, decrypted, at most 4; may be empty
 */
public record ImageRequest(String model, String prompt, AspectRatio aspectRatio, List<ReferenceImage> references) {
    public ImageRequest {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** An encoded reference image. */
    public record ReferenceImage(byte[] data, String mediaType) {
    }
}
