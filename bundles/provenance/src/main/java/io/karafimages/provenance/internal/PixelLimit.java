package io.karafimages.provenance.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.karafimages.imaging.ImageDecoder;

/**
 * The pipeline's pixel limit ({@code max.pixels} of {@code images.pipeline}) as seen by provenance, which decodes an
 * EXIF-rotated image to turn it upright: one setting for both, so the rotation refuses exactly what the pipeline
 * refuses. Metatype and the documentation of the property are the pipeline's; this only reads it.
 */
@Component(service = PixelLimit.class, configurationPid = "images.pipeline")
public final class PixelLimit {
    private final long maxPixels;

    @Activate
    public PixelLimit(Map<String, Object> properties) {
        this(parse(properties.get("max.pixels")));
    }

    PixelLimit(long maxPixels) {
        this.maxPixels = maxPixels > 0 ? maxPixels : ImageDecoder.DEFAULT_MAX_PIXELS;
    }

    /** @return the limit, the shipped default when not configured */
    public long maxPixels() {
        return maxPixels;
    }

    private static long parse(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? ImageDecoder.DEFAULT_MAX_PIXELS : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return ImageDecoder.DEFAULT_MAX_PIXELS; // the pipeline's own config refuses to start on it
        }
    }
}
