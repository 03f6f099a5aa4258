package io.karafimages.c2pa;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.karafimages.c2pa.internal.format.SvgStructure;
import io.karafimages.imaging.ImageFormat;

/**
 * The asset formats this library can sign, each with the standard C2PA embedding:
 * PNG {@code caBX} chunk, WebP {@code C2PA} RIFF chunk, JPEG APP11 (JPEG XT) segments, SVG
 * {@code c2pa:manifest} element.
 */
public enum AssetFormat {
    /** JPEG (JFIF/Exif), store in APP11 segments. */
    JPEG("image/jpeg"),
    /** PNG, store in a {@code caBX} chunk. */
    PNG("image/png"),
    /** WebP (simple files are converted to the extended VP8X layout), store in a {@code C2PA} chunk. */
    WEBP("image/webp"),
    /**
     * SVG (a UTF-8 XML document whose root element is {@code svg}), store Base64-encoded in a
     * {@code c2pa:manifest} element inside the root's {@code metadata} element.
     *
     * @since 1.1
     */
    SVG("image/svg+xml");

    private final String mediaType;

    AssetFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @return the IANA media type, for example {@code image/png} */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Recognises a format from its magic bytes; SVG from its prolog and root element: UTF-8 (with or without
     * byte order mark; an XML declaration naming another encoding is not SVG here), root element {@code svg}
     * (without a prefix). Only the start of an SVG document is read: whether the rest is well-formed shows
     * when it is signed.
     *
     * @param asset the file content, not {@code null}
     * @return the format, or empty when the bytes are none of the supported formats
     */
    public static Optional<AssetFormat> detect(byte[] asset) {
        Objects.requireNonNull(asset, "asset");
        Optional<ImageFormat> raster = ImageFormat.sniff(asset);
        if (raster.isPresent()) {
            return Optional.of(valueOf(raster.get().name())); // the imaging module's signatures: one sniffer
        }
        if (SvgStructure.detect(asset)) {
            return Optional.of(SVG);
        }
        return Optional.empty();
    }

    /**
     * @param mediaType a media type such as {@code image/webp}; case-insensitive, parameters not allowed
     * @return the matching format, or empty
     */
    public static Optional<AssetFormat> fromMediaType(String mediaType) {
        Objects.requireNonNull(mediaType, "mediaType");
        String wanted = mediaType.trim().toLowerCase(Locale.ROOT);
        for (AssetFormat f : values()) {
            if (f.mediaType.equals(wanted) || ("image/jpg".equals(wanted) && f == JPEG)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
