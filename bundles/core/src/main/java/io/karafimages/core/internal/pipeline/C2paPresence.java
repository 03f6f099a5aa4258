package io.karafimages.core.internal.pipeline;

import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.ImageFormat;
import io.karafimages.imaging.JpegSegments;
import io.karafimages.imaging.PngChunks;
import io.karafimages.imaging.RiffChunks;

/**
 * Tells whether an image carries a C2PA manifest store where the C2PA specification puts it: a PNG {@code caBX}
 * chunk, a WebP {@code C2PA} chunk, or a JPEG APP11 segment holding JUMBF. Only looks; validating the manifest is
 * the provenance writer's job. A damaged container has no store we can see (provenance refuses it anyway).
 * Stateless.
 */
public final class C2paPresence {
    private C2paPresence() {
    }

    public static boolean in(byte[] d) {
        ImageFormat format = ImageFormat.sniff(d).orElse(null);
        if (format == null) {
            return false;
        }
        try {
            return switch (format) {
                case PNG -> PngChunks.read(d).stream().anyMatch(c -> c.type().equals("caBX"));
                case WEBP -> RiffChunks.read(d).chunks().stream().anyMatch(c -> c.fourCc().equals("C2PA"));
                case JPEG -> JpegSegments.read(d).segments().stream()
                        .anyMatch(s -> s.marker() == 0xeb && s.startsWith(d, "JP"));
            };
        } catch (ImageException e) {
            return false;
        }
    }
}
