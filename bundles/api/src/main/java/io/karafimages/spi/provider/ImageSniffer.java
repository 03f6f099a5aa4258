package io.karafimages.spi.provider;

import java.util.Optional;

import io.karafimages.imaging.ImageHeader;

/**
 * Tells whether bytes a provider sent are an image the pipeline can take: a PNG, JPEG or WebP signature, and a
 * header that gives a positive size. Delegates to the imaging module's {@link ImageHeader#read}, the one header
 * parser the runtime uses everywhere (the pipeline's pixel limit is judged on the same header). Only headers are
 * read, so this is cheap enough to run on every answer; a fully broken pixel stream is caught later when the
 * pipeline decodes.
 *
 * <p>Stateless and thread-safe. For provider authors: check every answer with it and report
 * {@code provider_bad_output} when it is empty.
 */
public final class ImageSniffer {
    /** A recognised image: its media type and pixel size. */
    public record Sniffed(String mediaType, int width, int height) {
    }

    private ImageSniffer() {
    }

    /** The image these bytes are, or empty when they are not a readable PNG, JPEG or WebP. */
    public static Optional<Sniffed> sniff(byte[] data) {
        if (data == null || data.length < 16) {
            return Optional.empty();
        }
        return ImageHeader.read(data).map(h -> new Sniffed(h.format().mediaType(), h.width(), h.height()));
    }
}
