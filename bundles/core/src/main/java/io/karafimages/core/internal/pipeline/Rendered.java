package io.karafimages.core.internal.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What the pipeline made of one image: the renditions (original, full, preview), a perceptual fingerprint of
 * the picture, kept encrypted in the embed's content so that a user's own images can be searched by likeness, and
 * what the provenance labels written into the original say ({@code ProvenanceHook.Labelled}); null when no
 * provenance hook is installed.
 */
public record Rendered(List<Rendition> renditions, String fingerprint, Map<String, Object> provenance) {
    public Rendered {
        renditions = List.copyOf(renditions);
        provenance = provenance == null ? null : Map.copyOf(provenance);
    }

    public Rendered(List<Rendition> renditions, String fingerprint) {
        this(renditions, fingerprint, null);
    }
}
