package io.karafimages.provenance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.ImageFormat;
import io.karafimages.imaging.JpegSegments;
import io.karafimages.imaging.PngChunks;
import io.karafimages.imaging.RiffChunks;

/**
 * Writes an XMP packet into PNG (iTXt {@code XML:com.adobe.xmp}), WebP ({@code XMP } chunk with the VP8X flag),
 * JPEG (APP1 {@code http://ns.adobe.com/xap/1.0/}) and SVG (the root's {@code metadata} element, see
 * {@link SvgMetadata}), replacing any XMP already there. Pixels and markup are not touched.
 */
final class XmpEmbedder {
    private static final String PNG_KEYWORD = "XML:com.adobe.xmp";
    private static final String JPEG_XMP_ID = "http://ns.adobe.com/xap/1.0/\0";

    private XmpEmbedder() {
    }

    static byte[] embed(byte[] image, String xmp) {
        if (SvgMetadata.isSvg(image)) {
            return SvgMetadata.withXmp(image, xmp);
        }
        return switch (ImageFormat.sniff(image).orElseThrow(() -> new ImageException(
                ImageException.Reason.UNSUPPORTED, "not a PNG, JPEG, WebP or SVG image"))) {
            case PNG -> png(image, xmp);
            case WEBP -> webp(image, xmp);
            case JPEG -> jpeg(image, xmp);
        };
    }

    private static byte[] png(byte[] image, String xmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + xmp.length() + 64);
        out.writeBytes(PngChunks.signature());
        for (PngChunks.Chunk c : PngChunks.read(image)) {
            if (c.type().equals("iTXt") && isXmpKeyword(image, c)) {
                continue;
            }
            PngChunks.copy(image, c, out);
            if (c.type().equals("IHDR")) {
                PngChunks.write(out, "iTXt", PngChunks.itxt(PNG_KEYWORD, xmp));
            }
        }
        return out.toByteArray();
    }

    private static boolean isXmpKeyword(byte[] image, PngChunks.Chunk c) {
        String k = PNG_KEYWORD + "\0";
        return c.length() >= k.length()
                && new String(image, c.dataOffset(), k.length(), StandardCharsets.ISO_8859_1).equals(k);
    }

    private static byte[] webp(byte[] image, String xmp) {
        List<RiffChunks.Chunk> chunks = RiffChunks.read(image).chunks();
        if (chunks.isEmpty()) {
            throw new ImageException(ImageException.Reason.UNSUPPORTED, "WebP has no image chunk");
        }
        boolean extended = chunks.get(0).fourCc().equals("VP8X");
        byte[] vp8x = extended ? chunks.get(0).data(image) : dataOf(RiffChunks.extendedHeader(image, chunks));
        vp8x[0] |= (byte) RiffChunks.FLAG_XMP;
        ByteArrayOutputStream body = new ByteArrayOutputStream(image.length + xmp.length() + 64);
        body.writeBytes(new byte[] { 'W', 'E', 'B', 'P' });
        RiffChunks.write(body, "VP8X", vp8x);
        byte[] packet = xmp.getBytes(StandardCharsets.UTF_8);
        boolean written = false;
        for (RiffChunks.Chunk c : chunks.subList(extended ? 1 : 0, chunks.size())) {
            if (c.fourCc().equals("XMP ")) {
                continue;
            }
            if (!written && c.fourCc().equals("C2PA")) {
                RiffChunks.write(body, "XMP ", packet); // before the manifest store, which stays last
                written = true;
            }
            RiffChunks.copy(image, c, body);
        }
        if (!written) {
            RiffChunks.write(body, "XMP ", packet);
        }
        return MetadataStripper.riff(body);
    }

    /** The data of a whole chunk (its 8-byte header dropped). */
    private static byte[] dataOf(byte[] chunk) {
        byte[] data = new byte[chunk.length - 8];
        System.arraycopy(chunk, 8, data, 0, data.length);
        return data;
    }

    private static byte[] jpeg(byte[] image, String xmp) {
        JpegSegments.Header header = JpegSegments.read(image);
        byte[] payload = (JPEG_XMP_ID + xmp).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + payload.length + 4);
        out.write(0xff);
        out.write(0xd8);
        boolean inserted = false;
        for (JpegSegments.Segment s : header.segments()) {
            if (s.marker() == 0xe1 && s.startsWith(image, JPEG_XMP_ID)) {
                continue;
            }
            if (!inserted && s.marker() != 0xe0) {
                JpegSegments.write(out, 0xe1, payload);
                inserted = true;
            }
            JpegSegments.copy(image, s, out);
        }
        if (!inserted) {
            JpegSegments.write(out, 0xe1, payload);
        }
        out.write(image, header.restStart(), image.length - header.restStart());
        return out.toByteArray();
    }
}
