package io.karafimages.c2pa.internal.format;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;

/** Picks the codec of a format. */
public final class ContainerCodecs {

    private static final ContainerCodec PNG = new PngCodec();
    private static final ContainerCodec WEBP = new WebpCodec();
    private static final ContainerCodec JPEG = new JpegCodec();
    private static final ContainerCodec SVG = new SvgCodec();

    private ContainerCodecs() {
    }

    /**
     * @param asset the file
     * @return the codec of its format
     * @throws C2paException with {@code UNSUPPORTED_FORMAT} when the bytes are no supported format
     */
    public static ContainerCodec forAsset(byte[] asset) {
        AssetFormat format = AssetFormat.detect(asset).orElseThrow(() -> new C2paException(
                C2paException.Reason.UNSUPPORTED_FORMAT, "not a PNG, WebP, JPEG or SVG file"));
        return forFormat(format);
    }

    /**
     * @param format a format
     * @return its codec
     */
    public static ContainerCodec forFormat(AssetFormat format) {
        switch (format) {
            case PNG:
                return PNG;
            case WEBP:
                return WEBP;
            case SVG:
                return SVG;
            default:
                return JPEG;
        }
    }
}
