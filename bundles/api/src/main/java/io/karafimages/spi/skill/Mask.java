package io.karafimages.spi.skill;

import java.awt.image.BufferedImage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A rasterised mask in the runtime's one convention: 8-bit gray at the size of its image, 255 = edit, 0 = keep,
 * values in between only on a feathered edge. Provider adapters convert it to their own convention
 * (e.g. {@link #binary(int)} for providers that accept only 0 and 255). Immutable.
 */
@ProviderType
public interface Mask {
    int width();

    int height();

    /** The gray values, row by row; a copy. */
    byte[] gray();

    /** The mask as a {@code TYPE_BYTE_GRAY} image; a copy. */
    BufferedImage image();

    /** The share of pixels marked for editing (value >= 128), 0..1. */
    double coverage();

    /** The mask thresholded to 0 and 255 only: {@code value >= threshold} becomes 255. */
    Mask binary(int threshold);

    /** The mask as an 8-bit grayscale PNG. */
    byte[] png();
}
