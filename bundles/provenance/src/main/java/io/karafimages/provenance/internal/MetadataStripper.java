package io.karafimages.provenance.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.ImageFormat;
import io.karafimages.imaging.ImageHeader;
import io.karafimages.imaging.JpegSegments;
import io.karafimages.imaging.PngChunks;
import io.karafimages.imaging.RiffChunks;

/**
 * Removes private metadata from an image without re-encoding its pixels: EXIF (GPS, camera, MakerNotes,
 * thumbnails), comments, text chunks, IPTC and foreign XMP. Keeps the colour profile and any C2PA manifest store
 * (a provider's manifest becomes the parent ingredient of our generation manifest). When EXIF says the image is
 * rotated, the rotation is applied to the pixels first and the result is a metadata-free PNG; the decoder refuses
 * an image over its pixel limit from the header before that. Stateless and thread-safe.
 */
final class MetadataStripper {
    private static final Set<String> PNG_DROP = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");
    private static final Set<String> WEBP_DROP = Set.of("EXIF", "XMP ");

    private final ImageDecoder decoder;

    /** @param decoder decodes images that need rotating, within its pixel limit */
    MetadataStripper(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * @throws ImageException {@code unsupported_image} for no or a damaged PNG, JPEG or WebP; {@code image_too_large}
     *                        for a rotated image over the decoder's limit
     */
    byte[] strip(byte[] image) {
        ImageFormat format = format(image);
        if (ImageHeader.read(image).map(ImageHeader::orientation).orElse(1) != 1) {
            return uprightPng(image);
        }
        return switch (format) {
            case PNG -> png(image);
            case JPEG -> jpeg(image);
            case WEBP -> webp(image);
        };
    }

    private static ImageFormat format(byte[] image) {
        return ImageFormat.sniff(image).orElseThrow(() -> new ImageException(ImageException.Reason.UNSUPPORTED,
                "not a PNG, JPEG or WebP image"));
    }

    /**
     * The image without an embedded C2PA manifest store (PNG {@code caBX}, WebP {@code C2PA}, JPEG APP11, SVG
     * {@code c2pa:manifest}), for an image that gets no manifest of ours: a store left over from an input must not
     * pose as its provenance.
     * Returns the input itself when it has no store.
     */
    static byte[] withoutManifestStore(byte[] image) {
        if (SvgMetadata.isSvg(image)) {
            return SvgMetadata.withoutManifestStore(image);
        }
        return switch (format(image)) {
            case PNG -> {
                List<PngChunks.Chunk> chunks = PngChunks.read(image);
                List<PngChunks.Chunk> kept = chunks.stream().filter(c -> !c.type().equals("caBX")).toList();
                yield kept.size() == chunks.size() ? image : png(image, kept);
            }
            case WEBP -> {
                List<RiffChunks.Chunk> chunks = RiffChunks.read(image).chunks();
                List<RiffChunks.Chunk> kept = chunks.stream().filter(c -> !c.fourCc().equals("C2PA")).toList();
                yield kept.size() == chunks.size() ? image : webp(image, kept, null);
            }
            case JPEG -> {
                JpegSegments.Header header = JpegSegments.read(image);
                List<JpegSegments.Segment> kept = header.segments().stream().filter(s -> s.marker() != 0xeb).toList();
                yield kept.size() == header.segments().size() ? image : JpegSegments.rewrite(image, header, kept);
            }
        };
    }

    private static byte[] png(byte[] image) {
        return png(image, PngChunks.read(image).stream().filter(c -> !PNG_DROP.contains(c.type())).toList());
    }

    /** The signature and these chunks of {@code image}, copied as they are. */
    static byte[] png(byte[] image, List<PngChunks.Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length);
        out.writeBytes(PngChunks.signature());
        chunks.forEach(c -> PngChunks.copy(image, c, out));
        return out.toByteArray();
    }

    private static byte[] jpeg(byte[] image) {
        JpegSegments.Header header = JpegSegments.read(image);
        return JpegSegments.rewrite(image, header,
                header.segments().stream().filter(s -> keepJpegSegment(image, s)).toList());
    }

    /** Keeps what decoding needs (tables, frame, JFIF, Adobe colour transform), ICC profiles and C2PA (APP11). */
    private static boolean keepJpegSegment(byte[] image, JpegSegments.Segment s) {
        int m = s.marker();
        if (m == 0xfe) {
            return false; // COM
        }
        if (m >= 0xe0 && m <= 0xef) {
            return m == 0xe0 || m == 0xee || m == 0xeb || (m == 0xe2 && s.startsWith(image, "ICC_PROFILE\0"));
        }
        return true;
    }

    private static byte[] webp(byte[] image) {
        List<RiffChunks.Chunk> chunks = RiffChunks.read(image).chunks();
        if (chunks.isEmpty() || !chunks.get(0).fourCc().equals("VP8X")) {
            return image; // a simple WebP cannot carry metadata
        }
        List<RiffChunks.Chunk> kept = chunks.stream().filter(c -> !WEBP_DROP.contains(c.fourCc())).toList();
        byte[] vp8x = kept.get(0).data(image);
        vp8x[0] &= (byte) ~(RiffChunks.FLAG_EXIF | RiffChunks.FLAG_XMP);
        return webp(image, kept.subList(1, kept.size()), vp8x);
    }

    /**
     * A WebP of these chunks of {@code image} (copied as they are) behind a new {@code VP8X} chunk, or the chunks
     * alone when {@code vp8x} is null.
     */
    static byte[] webp(byte[] image, List<RiffChunks.Chunk> chunks, byte[] vp8x) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(image.length);
        body.writeBytes(new byte[] { 'W', 'E', 'B', 'P' });
        if (vp8x != null) {
            RiffChunks.write(body, "VP8X", vp8x);
        }
        chunks.forEach(c -> RiffChunks.copy(image, c, body));
        return riff(body);
    }

    /** The RIFF file around a body that starts with its form type. */
    static byte[] riff(ByteArrayOutputStream body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
        out.writeBytes(RiffChunks.header("RIFF", body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private byte[] uprightPng(byte[] image) {
        BufferedImage upright = decoder.decodeUpright(image);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(upright, "png", ios);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }
}
