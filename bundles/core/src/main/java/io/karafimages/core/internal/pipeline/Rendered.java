package io.karafimages.core.internal.pipeline;

import java.util.List;

/**
 * What the pipeline made of one image: the renditions (original, full, preview) and a perceptual fingerprint of
 * the picture, kept encrypted in the embed's content so that a user's own images can be searched by likeness.
 */
public record Rendered(List<Rendition> renditions, String fingerprint) {
    public Rendered {
        renditions = List.copyOf(renditions);
    }
}
