package io.karafimages.imaging;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A JPEG as its marker segments up to the start of scan (or EOI), then the rest, which a rewrite copies unchanged;
 * or ({@link #walk}) the whole stream up to EOI, scans and the segments between them included. Fill bytes (extra
 * {@code 0xFF}) before a marker are legal and are not part of any segment.
 */
public final class JpegSegments {
    /** Start of scan: the entropy-coded data follows. */
    public static final int SOS = 0xda;
    /** End of image. */
    public static final int EOI = 0xd9;
    /** The most content one segment can carry (its length field counts itself). */
    public static final int MAX_CONTENT = 65533;
    /**
     * The "marker" {@link #walk} gives the entropy-coded data after a scan header (no JPEG marker has this value).
     *
     * @since 1.1
     */
    public static final int SCAN_DATA = -1;

    /**
     * One marker segment. From {@link #walk} also a marker without a length field (RSTn, TEM and EOI: length 2) or
     * a run of entropy-coded data ({@link #SCAN_DATA}); the content methods apply to segments with a length field.
     *
     * @param offset offset of its {@code 0xFF}
     * @param marker the marker byte, e.g. {@code 0xE1} for APP1
     * @param length total length: marker, length field and content
     */
    public record Segment(int offset, int marker, int length) {
        /** @return offset of the content (after the length field) */
        public int contentStart() {
            return offset + 4;
        }

        /** @return length of the content */
        public int contentLength() {
            return length - 4;
        }

        /** @return a copy of the content from {@code jpeg} */
        public byte[] content(byte[] jpeg) {
            byte[] c = new byte[contentLength()];
            System.arraycopy(jpeg, contentStart(), c, 0, c.length);
            return c;
        }

        /** @return whether the content starts with these ISO-8859-1 characters, e.g. {@code "Exif\0\0"} */
        public boolean startsWith(byte[] jpeg, String prefix) {
            return prefix.length() <= contentLength() && Bytes.is(jpeg, contentStart(), prefix);
        }
    }

    /**
     * The parsed header.
     *
     * @param segments  the segments before the scan
     * @param restStart offset of the first SOS (or EOI) marker, fill bytes before it included: the rest of the file
     */
    public record Header(List<Segment> segments, int restStart) {
        public Header {
            segments = List.copyOf(segments);
        }
    }

    private JpegSegments() {
    }

    /**
     * @param jpeg a JPEG file (starting with SOI)
     * @return its header segments and where the image data starts
     * @throws ImageException ({@code unsupported_image}) when a marker is missing, a segment runs past the end,
     *                        a standalone marker appears before the scan, or the file ends before SOS/EOI
     */
    public static Header read(byte[] jpeg) {
        return scan(jpeg, true);
    }

    /** Lenient: the segments read before the first damage, restStart -1 when no SOS/EOI was reached. */
    static Header scan(byte[] jpeg, boolean strict) {
        List<Segment> segments = new ArrayList<>();
        if (jpeg.length < 2 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return fail(strict, "not a JPEG", segments);
        }
        int pos = 2;
        while (true) {
            if (pos >= jpeg.length || (jpeg[pos] & 0xff) != 0xff) {
                return fail(strict, "JPEG marker expected at offset " + pos, segments);
            }
            int markerPos = pos;
            while (pos + 1 < jpeg.length && (jpeg[pos + 1] & 0xff) == 0xff) {
                pos++; // fill bytes
            }
            if (pos + 1 >= jpeg.length) {
                return fail(strict, "JPEG truncated before the image data", segments);
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == SOS || marker == EOI) {
                return new Header(segments, markerPos);
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                return fail(strict, "unexpected standalone marker before SOS at " + pos, segments);
            }
            if (pos + 4 > jpeg.length) {
                return fail(strict, "JPEG segment header truncated at " + pos, segments);
            }
            int length = 2 + Bytes.u16be(jpeg, pos + 2);
            if (length < 4 || pos + length > jpeg.length) {
                return fail(strict, "JPEG segment at " + pos + " runs past the end", segments);
            }
            segments.add(new Segment(pos, marker, length));
            pos += length;
        }
    }

    /**
     * Walks the whole stream after SOI, in file order, up to and including EOI: every marker segment (before,
     * between and after scans), the entropy-coded data after each scan header as one {@link #SCAN_DATA} piece
     * (stuffed {@code 0xFF00} bytes and RSTn markers inside it included), a marker without a length field outside a
     * scan (length 2), and EOI (length 2) last. SOI followed by the pieces is the file without the fill bytes between
     * segments and without whatever follows EOI (phone trailers, appended videos). Keeps nothing per piece: a file of
     * many tiny segments costs no memory beyond the visitor's own.
     *
     * @param jpeg  a JPEG file (starting with SOI)
     * @param piece called with each piece in order; a piece lies inside {@code jpeg}
     * @throws ImageException ({@code unsupported_image}) when SOI is missing, a marker is expected where there is
     *                        none, a segment runs past the end, or the file ends before EOI; the pieces before the
     *                        damage have been visited by then
     * @since 1.1
     */
    public static void walk(byte[] jpeg, Consumer<Segment> piece) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            throw ImageException.unsupported("not a JPEG");
        }
        int pos = 2;
        while (pos + 1 < jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xff) {
                throw ImageException.unsupported("JPEG marker expected at offset " + pos);
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++; // a fill byte
                continue;
            }
            if (marker == EOI || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                piece.accept(new Segment(pos, marker, 2));
                if (marker == EOI) {
                    return;
                }
                pos += 2;
                continue;
            }
            if (pos + 4 > jpeg.length) {
                throw ImageException.unsupported("JPEG segment header truncated at " + pos);
            }
            int length = 2 + Bytes.u16be(jpeg, pos + 2);
            if (length < 4 || pos + length > jpeg.length) {
                throw ImageException.unsupported("JPEG segment at " + pos + " runs past the end");
            }
            piece.accept(new Segment(pos, marker, length));
            pos += length;
            if (marker == SOS) {
                int end = scanEnd(jpeg, pos);
                if (end > pos) {
                    piece.accept(new Segment(pos, SCAN_DATA, end - pos));
                }
                pos = end;
            }
        }
        throw ImageException.unsupported("JPEG ends before its end-of-image marker");
    }

    /** Where the entropy-coded data from {@code from} ends: at the next marker that is not a stuffed byte or RSTn. */
    private static int scanEnd(byte[] jpeg, int from) {
        int pos = from;
        while (pos + 1 < jpeg.length) {
            if ((jpeg[pos] & 0xff) == 0xff) {
                int next = jpeg[pos + 1] & 0xff;
                if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
                    pos += 2;
                    continue;
                }
                if (next != 0xff) {
                    return pos;
                }
            }
            pos++;
        }
        return jpeg.length;
    }

    private static Header fail(boolean strict, String message, List<Segment> sofar) {
        if (strict) {
            throw ImageException.unsupported(message);
        }
        return new Header(sofar, -1);
    }

    /**
     * Writes a segment: marker, length and content.
     *
     * @param out     where to
     * @param marker  e.g. {@code 0xE1}
     * @param content at most {@link #MAX_CONTENT} bytes
     */
    public static void write(ByteArrayOutputStream out, int marker, byte[] content) {
        if (content.length > MAX_CONTENT) {
            throw new IllegalArgumentException("a JPEG segment holds at most " + MAX_CONTENT + " bytes");
        }
        int length = content.length + 2;
        out.write(0xff);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(content);
    }

    /** Copies a segment of {@code jpeg} byte for byte. */
    public static void copy(byte[] jpeg, Segment segment, ByteArrayOutputStream out) {
        out.write(jpeg, segment.offset(), segment.length());
    }

    /**
     * A JPEG made of SOI, these segments, and the rest of {@code jpeg} from {@code header.restStart()}.
     *
     * @param jpeg     the source file
     * @param header   its header
     * @param segments segments of {@code jpeg} to keep, in order
     * @return the new file
     */
    public static byte[] rewrite(byte[] jpeg, Header header, List<Segment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(0xff);
        out.write(0xd8);
        segments.forEach(s -> copy(jpeg, s, out));
        out.write(jpeg, header.restStart(), jpeg.length - header.restStart());
        return out.toByteArray();
    }
}
