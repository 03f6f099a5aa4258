package io.karafimages.imaging;

/** Reads the orientation tag (0x0112) of IFD0 from a TIFF structure, as EXIF stores it. */
final class Exif {
    private Exif() {
    }

    /**
     * @param b     the file
     * @param start where the TIFF header ("II*\0" or "MM\0*") starts
     * @param end   where the EXIF data ends
     * @return the orientation 1..8; 1 when absent or unreadable
     */
    static int orientation(byte[] b, int start, int end) {
        end = Math.min(end, b.length);
        if (start < 0 || end - start < 8) {
            return 1;
        }
        boolean le = b[start] == 'I' && b[start + 1] == 'I';
        if (!le && !(b[start] == 'M' && b[start + 1] == 'M')) {
            return 1;
        }
        long ifd = start + u32(b, start + 4, le);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, le);
        for (int i = 0; i < entries; i++) {
            long e = ifd + 2 + 12L * i;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, (int) e, le) == 0x0112) {
                int v = u16(b, (int) e + 8, le);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int o, boolean le) {
        return le ? Bytes.u16le(b, o) : Bytes.u16be(b, o);
    }

    private static long u32(byte[] b, int o, boolean le) {
        return le ? Bytes.u32le(b, o) : Bytes.u32be(b, o);
    }
}
