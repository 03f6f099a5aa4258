package io.karafimages.core.internal.pipeline;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;

/**
 * One encoded rendition and its facts.
 *
 * @param fileFormat {@code png}, {@code webp}, or {@code svg} for the original of a vectorised image
 */
public record Rendition(RenditionFormat format, byte[] data, int width, int height, String fileFormat) {
    public static final String SVG = "svg";

    /** A rendition in its format's usual file format. */
    public Rendition(RenditionFormat format, byte[] data, int width, int height) {
        this(format, data, width, height, format.fileFormat());
    }

    public FileInfo info() {
        return new FileInfo(width, height, data.length, fileFormat, mediaType(fileFormat, format));
    }

    /** The media type of a stored file from its file format. */
    public static String mediaType(String fileFormat, RenditionFormat format) {
        return SVG.equals(fileFormat) ? "image/svg+xml" : format.fileFormat().equals(fileFormat)
                ? format.mediaType() : "image/" + fileFormat;
    }
}
