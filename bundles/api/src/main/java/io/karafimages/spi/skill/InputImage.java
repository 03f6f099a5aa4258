package io.karafimages.spi.skill;

import java.awt.image.BufferedImage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A decrypted input image of a running skill. The encoded bytes are the stored rendition (PNG for
 * {@code original}, WebP for {@code full}); {@link #decoded()} decodes once, lazily, within the pixel limit.
 * Used by one worker thread.
 */
@ProviderType
public interface InputImage {
    /** The reference this image was read for. */
    ImageRef ref();

    int width();

    int height();

    /** {@code image/png} or {@code image/webp}. */
    String mediaType();

    /** The encoded bytes; do not modify. */
    byte[] bytes();

    /** The pixels, {@code TYPE_INT_ARGB} or {@code TYPE_INT_RGB}; decoded on the first call. */
    BufferedImage decoded();

    /** True when the image was made by a generative model (not an upload, not derived from one by hand). */
    boolean aiGenerated();
}
