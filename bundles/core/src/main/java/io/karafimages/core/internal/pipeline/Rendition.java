package io.karafimages.core.internal.pipeline;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;

/** One encoded rendition and its facts. */
public record Rendition(RenditionFormat format, byte[] data, int width, int height) {
    public FileInfo info() {
        return new FileInfo(width, height, data.length, format.fileFormat(), format.mediaType());
    }
}
