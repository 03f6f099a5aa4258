package io.karafimages.provider.serpapi.internal;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Drops a JPEG's metadata segments without touching its pixels: APP1 to APP13 and APP15 (EXIF with GPS, XMP, ICC,
 * IPTC, C2PA's JUMBF in APP11 with the prompt) and COM comments, and anything after the end-of-image marker (phone
 * trailers, embedded videos). APP0 (JFIF) and APP14 (Adobe's colour transform flag) stay: they say how to decode
 * the pixels and carry nothing about the picture. The runtime already hands over a metadata-free JPEG; this is the
 * provider's own guarantee that nothing else leaves for a third party. Stateless.
 */
final class JpegMetadata {
    private static final int SOS = 0xda;
    private static final int EOI = 0xd9;

    private JpegMetadata() {
    }

    /** The JPEG without metadata; empty when the bytes are not a complete, well-formed JPEG stream. */
    static Optional<byte[]> strip(byte[] d) {
        if (d.length < 4 || (d[0] & 0xff) != 0xff || (d[1] & 0xff) != 0xd8) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length);
        out.write(d, 0, 2);
        int pos = 2;
        while (pos + 1 < d.length) {
            if ((d[pos] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = d[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++; // a fill byte before the marker
                continue;
            }
            if (marker == EOI) {
                out.write(d, pos, 2);
                return Optional.of(out.toByteArray()); // whatever follows is not part of the image
            }
            if (standalone(marker)) {
                out.write(d, pos, 2);
                pos += 2;
                continue;
            }
            if (pos + 3 >= d.length) {
                return Optional.empty();
            }
            int length = ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
            if (length < 2 || pos + 2 + length > d.length) {
                return Optional.empty();
            }
            if (!metadata(marker)) {
                out.write(d, pos, 2 + length);
            }
            pos += 2 + length;
            if (marker == SOS) {
                int end = endOfScan(d, pos);
                out.write(d, pos, end - pos);
                pos = end;
            }
        }
        return Optional.empty(); // no end-of-image marker: a truncated file
    }

    /** APP1..APP13, APP15 and COM. */
    private static boolean metadata(int marker) {
        return (marker >= 0xe1 && marker <= 0xed) || marker == 0xef || marker == 0xfe;
    }

    /** RST0..RST7 and TEM have no length. */
    private static boolean standalone(int marker) {
        return (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01;
    }

    /** Where the entropy-coded data after a scan header ends: the next marker that is not a stuffed byte or RSTn. */
    private static int endOfScan(byte[] d, int from) {
        int pos = from;
        while (pos + 1 < d.length) {
            if ((d[pos] & 0xff) == 0xff) {
                int next = d[pos + 1] & 0xff;
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
        return d.length;
    }
}
