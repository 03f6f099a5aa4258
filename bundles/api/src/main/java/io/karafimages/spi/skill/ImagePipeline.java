package io.karafimages.spi.skill;

import org.osgi.annotation.versioning.ProviderType;

/** Helpers of the runtime's rendition pipeline that skills may use on their inputs. Thread-safe. */
@ProviderType
public interface ImagePipeline {
    /** Dimensions and format of an encoded image, read from its header without decoding pixels. */
    record ImageProbe(int width, int height, String formatName) {
    }

    /**
     * Reads an encoded image's header.
     *
     * @throws io.karafimages.api.ImagesException 400 {@code unsupported_image} when it is not a readable
     *         image, 400 {@code image_too_large} when it exceeds the configured pixel limit
     */
    ImageProbe probe(byte[] encoded);
}
