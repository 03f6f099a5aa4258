package io.karafimages.imaging;

import java.util.Optional;

/** The raster formats the product takes, recognised by their signatures (never by a claimed media type). */
public enum ImageFormat {
    /** PNG: the 8-byte signature. */
    PNG("image/png"),
    /** JPEG: SOI followed by a marker. */
    JPEG("image/jpeg"),
    /** WebP: a RIFF file of form type {@code WEBP}. */
    WEBP("image/webp");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** @return the IANA media type, e.g. {@code image/png} */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format of these bytes from their first bytes alone; says nothing about whether the rest is readable (see
     * {@link ImageHeader#read}).
     *
     * @param data any bytes, may be {@code null}
     * @return the format, or empty
     */
    public static Optional<ImageFormat> sniff(byte[] data) {
        if (data == null) {
            return Optional.empty();
        }
        if (Bytes.startsWith(data, PngChunks.SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (data.length >= 3 && (data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (data.length >= 12 && Bytes.is(data, 0, "RIFF") && Bytes.is(data, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * @param mediaType e.g. {@code image/png}; {@code image/jpg} is taken for JPEG
     * @return the format of that media type, or empty
     */
    public static Optional<ImageFormat> ofMediaType(String mediaType) {
        for (ImageFormat f : values()) {
            if (f.mediaType.equalsIgnoreCase(mediaType)) {
                return Optional.of(f);
            }
        }
        return "image/jpg".equalsIgnoreCase(mediaType) ? Optional.of(JPEG) : Optional.empty();
    }
}
