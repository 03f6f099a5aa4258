package io.karafimages.spi.provenance;

import java.util.Map;

import io.karafimages.api.RenditionFormat;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Provenance processing plugged into the rendition pipeline when a service of this type is present.
 * Thread-safe.
 */
@ConsumerType
public interface ProvenanceHook {
    /**
     * Called once for every image that enters the pipeline, before decoding: strips private metadata
     * (EXIF, comments, foreign XMP) and applies the EXIF orientation.
     *
     * @return the cleaned encoded image (may be the input when nothing needed removing)
     */
    byte[] sanitize(byte[] encoded, String mediaType);

    /**
     * Called for each rendition after encoding and before encryption; the last writer of the bytes (XMP
     * labels first, C2PA signature last).
     *
     * @param source the sanitized input image, which may carry the provider's own manifest
     */
    byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info);

    /**
     * As {@link #label}, and also says what the labels just written state, for the embed's content (API.md "Embed
     * content", {@code provenance}): {@code c2pa} (signer, claim generator, actions, ingredients, digital source
     * type) when a manifest was signed, {@code iptc} when XMP AI labels were written; an empty map when the bytes
     * carry neither. The pipeline calls this for the original (the first signed rendition) and {@link #label} for
     * the others. The default describes nothing.
     *
     * @since 2.1
     */
    default Labelled labelDescribed(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        return new Labelled(label(rendition, format, source, info), Map.of());
    }

    /**
     * Labelled bytes and the summary of their labels (JSON-ready values: strings, lists, maps).
     *
     * @since 2.1
     */
    record Labelled(byte[] bytes, Map<String, Object> provenance) {
        public Labelled {
            provenance = Map.copyOf(provenance);
        }
    }
}
