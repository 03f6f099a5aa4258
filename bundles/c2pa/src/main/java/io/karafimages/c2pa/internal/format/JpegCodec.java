package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.JpegSegments;
import io.karafimages.imaging.JpegSegments.Header;
import io.karafimages.imaging.JpegSegments.Segment;

/**
 * JPEG: the store is split over contiguous APP11 marker segments in the JPEG XT box format
 * (ISO 19566-5, D.2): {@code CI="JP"}, a box instance number {@code En} and a packet sequence
 * number {@code Z} from 1; continuation segments repeat the superbox's LBox and TBox. The segments
 * go after the leading APP0/APP1 segments (JFIF, Exif, XMP stay first). The exclusion covers all
 * of them, markers and lengths included. Everything from the first SOS on is copied unchanged. Segments are read by
 * the imaging module's {@link JpegSegments}.
 */
final class JpegCodec implements ContainerCodec {

    private static final int APP0 = 0xe0;
    private static final int APP1 = 0xe1;
    private static final int APP11 = 0xeb;
    private static final int MAX_CONTENT = JpegSegments.MAX_CONTENT;
    private static final int DEFAULT_INSTANCE = 0x0211;

    @Override
    public AssetFormat format() {
        return AssetFormat.JPEG;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        Header header = parse(asset);
        Set<Segment> store = storeSegments(asset, header.segments());
        if (store.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (Segment s : header.segments()) {
            if (store.contains(s)) {
                int skip = first ? 8 : 16;
                out.write(asset, s.contentStart() + skip, s.contentLength() - skip);
                first = false;
            }
        }
        return Optional.of(out.toByteArray());
    }

    @Override
    public Prepared prepare(byte[] asset) {
        Header header = parse(asset);
        Set<Segment> old = storeSegments(asset, header.segments());
        List<Segment> kept = header.segments().stream().filter(s -> !old.contains(s)).toList();
        int leading = 0;
        while (leading < kept.size() && (kept.get(leading).marker() == APP0 || kept.get(leading).marker() == APP1)) {
            leading++;
        }
        int instance = freeInstanceNumber(asset, kept);
        return new JpegPrepared(asset, kept.subList(0, leading), kept.subList(leading, kept.size()), header.restStart(), instance);
    }

    /** Segments before and after the insertion point, where the image data starts, and the JPEG XT instance number. */
    private record JpegPrepared(byte[] asset, List<Segment> before, List<Segment> after, int restStart, int instance)
            implements Prepared {

        @Override
        public Exclusion exclusion(int storeLength) {
            return new Exclusion(2L + before.stream().mapToInt(Segment::length).sum(), segmentsLength(storeLength));
        }

        @Override
        public byte[] embed(byte[] store) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(asset.length + store.length + 1024);
            out.write(asset, 0, 2);
            before.forEach(s -> JpegSegments.copy(asset, s, out));
            writeStoreSegments(out, store, instance);
            after.forEach(s -> JpegSegments.copy(asset, s, out));
            out.write(asset, restStart, asset.length - restStart);
            return out.toByteArray();
        }
    }

    static long segmentsLength(int storeLength) {
        int firstData = Math.min(storeLength, MAX_CONTENT - 8);
        long total = 4L + 8 + firstData;
        for (long remaining = storeLength - firstData; remaining > 0; ) {
            long chunk = Math.min(remaining, MAX_CONTENT - 16);
            total += 4 + 16 + chunk;
            remaining -= chunk;
        }
        return total;
    }

    private static void writeStoreSegments(ByteArrayOutputStream out, byte[] store, int instance) {
        int pos = 0;
        for (long z = 1; pos < store.length || z == 1; z++) {
            int prefix = z == 1 ? 8 : 16;
            int chunk = Math.min(store.length - pos, MAX_CONTENT - prefix);
            int lp = 2 + prefix + chunk;
            byte[] head = {(byte) 0xff, (byte) APP11, (byte) (lp >>> 8), (byte) lp, 'J', 'P',
                (byte) (instance >>> 8), (byte) instance, 0, 0, 0, 0};
            Bytes.putU32be(head, 8, z);
            out.writeBytes(head);
            if (z > 1) {
                out.write(store, 0, 8);
            }
            out.write(store, pos, chunk);
            pos += chunk;
        }
    }

    /** The APP11 segments holding a C2PA store: the first whose JUMBF type is c2pa, then its continuations. */
    private static Set<Segment> storeSegments(byte[] asset, List<Segment> segments) {
        Set<Segment> result = new HashSet<>();
        int instance = -1;
        for (Segment s : segments) {
            if (s.marker() != APP11 || s.contentLength() <= 16) {
                continue;
            }
            int c = s.contentStart();
            int en = Bytes.u16be(asset, c + 2);
            if (instance >= 0 && en == instance) {
                result.add(s);
            } else if (instance < 0 && s.contentLength() >= 28 && "jumb".equals(Bytes.fourCc(asset, c + 12))
                    && "c2pa".equals(Bytes.fourCc(asset, c + 24))) {
                result.add(s);
                instance = en;
            }
        }
        return result;
    }

    private static int freeInstanceNumber(byte[] asset, List<Segment> kept) {
        Set<Integer> used = new HashSet<>();
        for (Segment s : kept) {
            if (s.marker() == APP11 && s.contentLength() >= 4) {
                used.add(Bytes.u16be(asset, s.contentStart() + 2));
            }
        }
        // at most 65536 numbers exist: a file whose APP11 segments use them all would otherwise loop forever
        for (int i = 0; i <= 0xffff; i++) {
            int en = (DEFAULT_INSTANCE + i) & 0xffff;
            if (!used.contains(en)) {
                return en;
            }
        }
        throw Bytes.malformed("JPEG uses every JPEG XT box instance number");
    }

    private static Header parse(byte[] jpeg) {
        try {
            return JpegSegments.read(jpeg);
        } catch (ImageException e) {
            throw Bytes.malformed(e.getMessage());
        }
    }
}
