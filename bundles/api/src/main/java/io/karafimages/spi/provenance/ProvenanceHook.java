package io.karafimages.spi.provenance;

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
}
