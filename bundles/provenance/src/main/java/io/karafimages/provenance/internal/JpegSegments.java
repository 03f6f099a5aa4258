package io.karafimages.provenance.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A JPEG as its marker segments up to the start of scan, then the untouched entropy-coded rest. */
final class JpegSegments {
    record Segment(int marker, byte[] data) {
        boolean startsWith(String prefix) {
            byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
            return data.length >= p.length && Arrays.equals(data, 0, p.length, p, 0, p.length);
        }
    }

    record Parsed(List<Segment> segments, byte[] scan) {
    }

    private JpegSegments() {
    }

    static Parsed parse(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xff) {
                throw new IllegalArgumentException("JPEG marker expected at " + pos);
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            if (marker == 0xda) {
                return new Parsed(segments, Arrays.copyOfRange(jpeg, pos, jpeg.length));
            }
            int length = (jpeg[pos + 2] & 0xff) << 8 | jpeg[pos + 3] & 0xff;
            segments.add(new Segment(marker, Arrays.copyOfRange(jpeg, pos + 4, pos + 2 + length)));
            pos += 2 + length;
        }
        throw new IllegalArgumentException("JPEG without a start of scan");
    }

    static byte[] write(Parsed parsed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        for (Segment s : parsed.segments()) {
            out.write(0xff);
            out.write(s.marker());
            int length = s.data().length + 2;
            out.write(length >> 8);
            out.write(length & 0xff);
            out.writeBytes(s.data());
        }
        out.writeBytes(parsed.scan());
        return out.toByteArray();
    }
}
