package io.karafimages.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        return switch (ImageFormat.sniff(image).orElseThrow(() -> new IllegalArgumentException("not an image"))) {
            case PNG -> png(image, xmp);
            case WEBP -> webp(image, xmp);
            case JPEG -> jpeg(image, xmp);
        };
    }

    private static byte[] png(byte[] image, String xmp) {
        List<PngChunks.Chunk> out = new ArrayList<>();
        for (PngChunks.Chunk c : PngChunks.parse(image)) {
            if (c.type().equals("iTXt") && isXmpKeyword(c.data())) {
                continue;
            }
            out.add(c);
            if (c.type().equals("IHDR")) {
                out.add(PngChunks.itxt(PNG_KEYWORD, xmp));
            }
        }
        return PngChunks.write(out);
    }

    private static boolean isXmpKeyword(byte[] data) {
        byte[] k = (PNG_KEYWORD + "\0").getBytes(StandardCharsets.ISO_8859_1);
        return data.length >= k.length && java.util.Arrays.equals(data, 0, k.length, k, 0, k.length);
    }

    private static byte[] webp(byte[] image, String xmp) {
        List<RiffChunks.Chunk> chunks = new ArrayList<>(RiffChunks.extended(RiffChunks.parse(image)));
        chunks.removeIf(c -> c.fourcc().equals("XMP "));
        int c2pa = indexOf(chunks, "C2PA");
        RiffChunks.Chunk chunk = new RiffChunks.Chunk("XMP ", xmp.getBytes(StandardCharsets.UTF_8));
        if (c2pa >= 0) {
            chunks.add(c2pa, chunk);
        } else {
            chunks.add(chunk);
        }
        return RiffChunks.write(RiffChunks.withFlags(chunks, RiffChunks.flags(chunks) | RiffChunks.FLAG_XMP));
    }

    private static int indexOf(List<RiffChunks.Chunk> chunks, String fourcc) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).fourcc().equals(fourcc)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] jpeg(byte[] image, String xmp) {
        JpegSegments.Parsed parsed = JpegSegments.parse(image);
        List<JpegSegments.Segment> out = new ArrayList<>();
        byte[] payload = (JPEG_XMP_ID + xmp).getBytes(StandardCharsets.UTF_8);
        boolean inserted = false;
        for (JpegSegments.Segment s : parsed.segments()) {
            if (s.marker() == 0xe1 && s.startsWith(JPEG_XMP_ID)) {
                continue;
            }
            if (!inserted && s.marker() != 0xe0) {
                out.add(new JpegSegments.Segment(0xe1, payload));
                inserted = true;
            }
            out.add(s);
        }
        if (!inserted) {
            out.add(new JpegSegments.Segment(0xe1, payload));
        }
        return JpegSegments.write(new JpegSegments.Parsed(out, parsed.scan()));
    }
}
