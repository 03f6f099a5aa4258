package io.karafimages.provenance.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Removes private metadata from an image without re-encoding its pixels: EXIF (GPS, camera, MakerNotes,
 * thumbnails), comments, text chunks, IPTC and foreign XMP. Keeps the colour profile and any C2PA manifest store
 * (a provider's manifest becomes the parent ingredient of our generation manifest). When EXIF says the image is
 * rotated, the rotation is applied to the pixels first and the result is a metadata-free PNG. Stateless and
 * thread-safe.
 */
final class MetadataStripper {
    static {
        // The images are decrypted plaintext: ImageIO's default file cache would spool them to java.io.tmpdir.
        // JVM-wide, so also for streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    private static final Set<String> PNG_DROP = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");
    private static final Set<String> WEBP_DROP = Set.of("EXIF", "XMP ");

    private final Function<byte[], BufferedImage> decoder;

    /** @param decoder decodes PNG, JPEG and WebP (used only for images that need rotating) */
    MetadataStripper(Function<byte[], BufferedImage> decoder) {
        this.decoder = decoder;
    }

    byte[] strip(byte[] image) {
        return switch (ImageFormat.sniff(image).orElseThrow(() -> new IllegalArgumentException("not an image"))) {
            case PNG -> png(image);
            case JPEG -> jpeg(image);
            case WEBP -> webp(image);
        };
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
        return switch (ImageFormat.sniff(image).orElseThrow(() -> new IllegalArgumentException("not an image"))) {
            case PNG -> {
                List<PngChunks.Chunk> chunks = PngChunks.parse(image);
                List<PngChunks.Chunk> kept = chunks.stream().filter(c -> !c.type().equals("caBX")).toList();
                yield kept.size() == chunks.size() ? image : PngChunks.write(kept);
            }
            case WEBP -> {
                List<RiffChunks.Chunk> chunks = RiffChunks.parse(image);
                List<RiffChunks.Chunk> kept = chunks.stream().filter(c -> !c.fourcc().equals("C2PA")).toList();
                yield kept.size() == chunks.size() ? image : RiffChunks.write(kept);
            }
            case JPEG -> {
                JpegSegments.Parsed parsed = JpegSegments.parse(image);
                List<JpegSegments.Segment> kept = parsed.segments().stream().filter(s -> s.marker() != 0xeb).toList();
                yield kept.size() == parsed.segments().size() ? image
                        : JpegSegments.write(new JpegSegments.Parsed(kept, parsed.scan()));
            }
        };
    }

    private byte[] png(byte[] image) {
        List<PngChunks.Chunk> chunks = PngChunks.parse(image);
        int orientation = chunks.stream().filter(c -> c.type().equals("eXIf")).findFirst()
                .map(c -> ExifOrientation.read(c.data(), 0)).orElse(1);
        if (orientation != 1) {
            return uprightPng(image, orientation);
        }
        return PngChunks.write(chunks.stream().filter(c -> !PNG_DROP.contains(c.type())).toList());
    }

    private byte[] jpeg(byte[] image) {
        JpegSegments.Parsed parsed = JpegSegments.parse(image);
        int orientation = parsed.segments().stream().filter(s -> s.marker() == 0xe1 && s.startsWith("Exif\0\0"))
                .findFirst().map(s -> ExifOrientation.read(s.data(), 6)).orElse(1);
        if (orientation != 1) {
            return uprightPng(image, orientation);
        }
        return JpegSegments.write(new JpegSegments.Parsed(
                parsed.segments().stream().filter(MetadataStripper::keepJpegSegment).toList(), parsed.scan()));
    }

    /** Keeps what decoding needs (tables, frame, JFIF, Adobe colour transform), ICC profiles and C2PA (APP11). */
    private static boolean keepJpegSegment(JpegSegments.Segment s) {
        int m = s.marker();
        if (m == 0xfe) {
            return false; // COM
        }
        if (m >= 0xe0 && m <= 0xef) {
            return m == 0xe0 || m == 0xee || m == 0xeb || (m == 0xe2 && s.startsWith("ICC_PROFILE\0"));
        }
        return true;
    }

    private byte[] webp(byte[] image) {
        List<RiffChunks.Chunk> chunks = RiffChunks.parse(image);
        if (!chunks.get(0).fourcc().equals("VP8X")) {
            return image; // a simple WebP cannot carry metadata
        }
        int orientation = chunks.stream().filter(c -> c.fourcc().equals("EXIF")).findFirst()
                .map(c -> ExifOrientation.read(c.data(), c.data().length > 6 && c.data()[0] == 'E' ? 6 : 0))
                .orElse(1);
        if (orientation != 1) {
            return uprightPng(image, orientation);
        }
        List<RiffChunks.Chunk> kept = chunks.stream().filter(c -> !WEBP_DROP.contains(c.fourcc())).toList();
        int flags = RiffChunks.flags(kept) & ~(RiffChunks.FLAG_EXIF | RiffChunks.FLAG_XMP);
        return RiffChunks.write(RiffChunks.withFlags(kept, flags));
    }

    private byte[] uprightPng(byte[] image, int orientation) {
        BufferedImage upright = ExifOrientation.apply(decoder.apply(image), orientation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(upright, "png", ios);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** The JDK's readers (PNG, JPEG) as a decoder; enough for tests and for images without WebP input. */
    static BufferedImage jdkDecode(byte[] image) {
        try {
            BufferedImage img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(image)));
            if (img == null) {
                throw new IllegalArgumentException("no reader for this image");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable image", e);
        }
    }
}
